import { Tabs } from './component';

export function Settings({ open }: { open: (tab: string) => void }) {
  return (
    <Tabs value="general">
      <Tabs.Panel id="general" onSelect={(id, index) => open(id.toUpperCase() + index.toFixed(0))}>
        General
      </Tabs.Panel>
    </Tabs>
  );
}
