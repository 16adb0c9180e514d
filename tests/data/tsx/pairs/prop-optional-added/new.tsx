import * as React from 'react';

export interface ButtonProps {
  /** Text on the button. */
  label: string;
  size?: 'sm' | 'md' | 'lg';
  disabled?: boolean;
  icon?: React.ReactNode;
}

export function Button({ label, size = 'md', disabled = false, icon }: ButtonProps) {
  return <button className={`btn btn-${size}`} disabled={disabled}>{icon}{label}</button>;
}
