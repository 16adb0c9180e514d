import { Card } from './component';

export const Profile = () => (
  <Card>
    <Card.Header title="Ada" />
  </Card>
);
