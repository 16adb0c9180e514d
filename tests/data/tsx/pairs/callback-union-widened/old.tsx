import * as React from 'react';

export interface PickerProps {
  onPick?: (value: string) => void;
}

export function Picker({ onPick }: PickerProps) {
  return <button onClick={() => onPick?.('a')}>Pick</button>;
}
