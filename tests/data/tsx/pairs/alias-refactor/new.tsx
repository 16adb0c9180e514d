import * as React from 'react';

type Size = 'sm' | 'md' | 'lg';
type Base = { label: string };

export type ButtonProps = Base & {
  size?: Size;
  disabled?: boolean;
};

export function Button({ label, size = 'md', disabled = false }: ButtonProps) {
  return <button className={`btn btn-${size}`} disabled={disabled}>{label}</button>;
}
