import * as React from 'react';

export interface ButtonProps {
  /** Text on the button. */
  label: string;
  size?: 'sm' | 'md';
  disabled?: boolean;
}

export function Button({ label, size = 'md', disabled = false }: ButtonProps) {
  return <button className={`btn btn-${size}`} disabled={disabled}>{label}</button>;
}
