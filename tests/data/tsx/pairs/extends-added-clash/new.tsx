import * as React from 'react';

export type FieldProps = React.InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  onChange?: (value: string) => void;
};

export function Field({ label, onChange, ...rest }: FieldProps) {
  return <label>{label}<input {...rest} onChange={(e) => onChange?.(e.target.value)} /></label>;
}
