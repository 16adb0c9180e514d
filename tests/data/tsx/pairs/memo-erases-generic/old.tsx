import * as React from 'react';

export interface SelectProps<T> {
  options: T[];
  value: T;
  onChange: (value: T) => void;
  getLabel?: (option: T) => string;
}

export function Select<T>({ options, value, onChange, getLabel = String }: SelectProps<T>) {
  return (
    <select value={options.indexOf(value)} onChange={(e) => onChange(options[Number(e.target.value)])}>
      {options.map((option, index) => <option key={index} value={index}>{getLabel(option)}</option>)}
    </select>
  );
}
