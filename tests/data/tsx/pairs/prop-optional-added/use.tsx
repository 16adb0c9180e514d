import { Button } from './component';

declare const size: 'sm' | 'md' | 'lg';

export function Toolbar() {
  return (
    <div>
      <Button label="Save" size={size} disabled />
      <Button label="Cancel" />
    </div>
  );
}
