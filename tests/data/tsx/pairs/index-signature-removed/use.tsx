import { Box } from './component';

export const Panel = () => <Box as="section" tone="muted" elevation={2}>Hi</Box>;
