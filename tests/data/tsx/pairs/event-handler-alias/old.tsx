import * as React from 'react';

export interface ToggleProps {
  pressed: boolean;
  onActivate?: (event: React.MouseEvent<HTMLButtonElement>) => void;
}

export function Toggle({ pressed, onActivate }: ToggleProps) {
  return <button aria-pressed={pressed} onClick={onActivate}>Toggle</button>;
}
