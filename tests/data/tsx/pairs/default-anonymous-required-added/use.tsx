import Badge from './component';

export const Status = () => <Badge label="Done" tone="success" />;
