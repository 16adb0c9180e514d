import * as React from 'react';

export interface ButtonProps {
  /** Text on the button. */
  label: string;
  size?: 'sm' | 'md' | 'lg';
  isDisabled?: boolean;
}

export function Button({ label, size = 'md', isDisabled = false }: ButtonProps) {
  return <button className={`btn btn-${size}`} disabled={isDisabled}>{label}</button>;
}
