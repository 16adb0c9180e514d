import * as React from 'react';

export interface FieldProps {
  name: string;
  validate?: (value: string) => boolean;
}

export function Field({ name, validate }: FieldProps) {
  return <input name={name} onBlur={(e) => validate?.(e.target.value)} />;
}
