import * as React from 'react';

export interface ButtonProps {
  /** Text on the button. */
  label: string;
  size?: 'sm' | 'md' | 'lg';
  disabled?: boolean;
  /** Announced by screen readers. */
  ariaLabel: string;
}

export function Button({ label, size = 'md', disabled = false, ariaLabel }: ButtonProps) {
  return <button className={`btn btn-${size}`} disabled={disabled} aria-label={ariaLabel}>{label}</button>;
}
