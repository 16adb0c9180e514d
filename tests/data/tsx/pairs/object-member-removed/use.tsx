import { Chip } from './component';

export const Chips = () => <Chip item={{ id: 'a', label: 'Alpha' }} />;
