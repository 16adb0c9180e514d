import { Menu } from './component';

export const Actions = () => (
  <Menu.Root label="Actions">
    <Menu.Item value="Copy" disabled={false} />
  </Menu.Root>
);
