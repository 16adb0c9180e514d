import { Button, IconButton } from './component';

export const Bar = () => <><Button label="Go" /><IconButton icon="+" /></>;
