import { Avatar } from './component';

export const Me = () => <Avatar src="/me.png" id="me" testId="avatar" />;
