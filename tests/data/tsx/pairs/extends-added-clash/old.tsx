import * as React from 'react';

export type FieldProps = {
  label: string;
  onChange?: (value: string) => void;
};

export function Field({ label, onChange }: FieldProps) {
  return <label>{label}<input onChange={(e) => onChange?.(e.target.value)} /></label>;
}
