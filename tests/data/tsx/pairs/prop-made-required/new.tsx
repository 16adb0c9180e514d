import * as React from 'react';

export interface ButtonProps {
  /** Text on the button. */
  label: string;
  size: 'sm' | 'md' | 'lg';
  disabled?: boolean;
}

export function Button({ label, size, disabled = false }: ButtonProps) {
  return <button className={`btn btn-${size}`} disabled={disabled}>{label}</button>;
}
