import { Menu } from './component';

export const Nav = () => <Menu items={[{ id: 'a', label: 'A' }]} renderItem={(item) => <em>{item.label}</em>} />;
