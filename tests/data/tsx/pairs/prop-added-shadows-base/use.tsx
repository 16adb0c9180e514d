import { Field } from './component';

export const Email = ({ set }: { set: (v: string) => void }) => (
  <Field label="Email" type="email" onChange={(event) => set(event.target.value)} />
);
