import { List } from './component';

export const Fruit = () => (
  <List>
    <List.Item label="Apple" />
    <List.Divider />
    <List.Item label="Pear" />
  </List>
);
