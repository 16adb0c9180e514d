import { memo } from 'react';

export interface ButtonProps {
  /** Text on the button. */
  label: string;
  size?: 'sm' | 'md' | 'lg';
  disabled?: boolean;
}

export const Button = memo(function Button({ label, size = 'md', disabled = false }: ButtonProps) {
  return <button className={`btn btn-${size}`} disabled={disabled}>{label}</button>;
});
