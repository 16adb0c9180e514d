import { Chip, type ChipProps } from './component';

const props: ChipProps = { label: 'Tag' };

export const Tags = ({ drop }: { drop: (tag: string) => void }) => (
  <>
    <Chip {...props} />
    <Chip label="Other" onRemove={(label) => drop(label.trim())} />
  </>
);
