import { List } from './component';

export const Names = () => (
  <List items={[{ name: 'Ada' }]} renderItem={(person, index) => `${index + 1}. ${person.name}`} />
);
