import * as React from 'react';

export interface SelectProps {
  options: string[];
  value: string;
  onChange: (value: string) => void;
  getLabel?: (option: string) => string;
}

export function Select({ options, value, onChange, getLabel = String }: SelectProps) {
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)}>
      {options.map((option) => <option key={option} value={option}>{getLabel(option)}</option>)}
    </select>
  );
}
