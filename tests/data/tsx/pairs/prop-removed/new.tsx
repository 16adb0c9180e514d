import * as React from 'react';

export interface ButtonProps {
  /** Text on the button. */
  label: string;
  size?: 'sm' | 'md' | 'lg';
}

export function Button({ label, size = 'md' }: ButtonProps) {
  return <button className={`btn btn-${size}`}>{label}</button>;
}
