import { Badge } from './component';

export const Inbox = ({ unread }: { unread: number }) => <Badge count={unread} max={9} />;
