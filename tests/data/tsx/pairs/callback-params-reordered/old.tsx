import * as React from 'react';

export interface SliderProps {
  value: number;
  onChange: (value: number, event: React.ChangeEvent<HTMLInputElement>) => void;
}

export function Slider({ value, onChange }: SliderProps) {
  return <input type="range" value={value} onChange={(e) => onChange(Number(e.target.value), e)} />;
}
