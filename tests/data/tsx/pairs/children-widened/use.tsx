import { Dialog } from './component';

export const Confirm = ({ done }: { done: () => void }) => (
  <Dialog title="Sure?" onClose={done}>This cannot be undone.</Dialog>
);
