import { Card } from './component';

export const Profile = () => <Card title="Profile"><p>Ada</p></Card>;
