import { Notice } from './component';

export const Saved = ({ hide }: { hide: () => void }) => <Notice text="Saved" onDismiss={() => hide()} />;
