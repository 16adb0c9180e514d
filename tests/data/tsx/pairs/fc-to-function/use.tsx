import { Tag } from './component';

export const Tags = () => <><Tag text="new" tone="accent" /><Tag text="old" /></>;
