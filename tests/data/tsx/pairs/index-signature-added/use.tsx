import { Box } from './component';

export const Panel = () => <><Box as="section">Hi</Box><Box /></>;
