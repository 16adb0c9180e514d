import * as React from 'react';

export interface TextFieldProps {
  value: string;
  onChange?: (value: number) => void;
}

export function TextField({ value, onChange }: TextFieldProps) {
  return <input value={value} onChange={(e) => onChange?.(e.target.valueAsNumber)} />;
}
