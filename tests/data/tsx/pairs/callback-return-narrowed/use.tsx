import { Dialog } from './component';

export function Confirm({ done }: { done: () => void }) {
  return (
    <Dialog title="Sure?" onClose={() => { done(); }}>
      <strong>This cannot be undone.</strong>
    </Dialog>
  );
}
