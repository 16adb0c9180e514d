import * as React from 'react';

export type FieldProps = React.InputHTMLAttributes<HTMLInputElement> & {
  label: string;
};

export function Field({ label, ...rest }: FieldProps) {
  return <label>{label}<input {...rest} /></label>;
}
