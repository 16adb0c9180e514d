import { List } from './component';

export function Menu({ go }: { go: (id: string, position: number) => void }) {
  return <List items={[{ id: 'a', label: 'A' }]} onSelect={(item, index) => go(item.id, index + 1)} />;
}
