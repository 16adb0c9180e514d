import * as React from 'react';

export interface PickerProps {
  onPick?: ((value: string) => void) | ((value: string, index: number) => void);
}

export function Picker({ onPick }: PickerProps) {
  return <button onClick={() => onPick?.('a', 0)}>Pick</button>;
}
