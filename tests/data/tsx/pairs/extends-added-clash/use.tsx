import { Field } from './component';

export const Email = ({ set }: { set: (v: string) => void }) => (
  <Field label="Email" onChange={(value) => set(value.trim())} />
);
