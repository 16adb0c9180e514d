import { IconButton } from './component';

export const Close = ({ close }: { close: () => void }) => (
  <IconButton icon="x" type="button" title="Close" onClick={(event) => { event.preventDefault(); close(); }} />
);
