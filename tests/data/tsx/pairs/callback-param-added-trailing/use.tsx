import { List } from './component';

export function Menu({ go }: { go: (id: string) => void }) {
  return <List items={[{ id: 'a', label: 'A' }]} onSelect={(item) => go(item.id)} />;
}
