import * as React from 'react';

export interface SliderProps {
  value: number;
  onChange: (event: React.ChangeEvent<HTMLInputElement>, value: number) => void;
}

export function Slider({ value, onChange }: SliderProps) {
  return <input type="range" value={value} onChange={(e) => onChange(e, Number(e.target.value))} />;
}
