import { List } from './component';

export const Fruit = () => (
  <List>
    <List.Item label="Apple" />
  </List>
);
