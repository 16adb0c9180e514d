import { Alert } from './component';

export const Failed = ({ error }: { error: Error }) => <Alert tone="error" error={error} />;
