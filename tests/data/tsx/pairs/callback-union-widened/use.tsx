import { Picker } from './component';

export const Letters = ({ add }: { add: (letter: string) => void }) => (
  <Picker onPick={(value) => add(value.toUpperCase())} />
);
