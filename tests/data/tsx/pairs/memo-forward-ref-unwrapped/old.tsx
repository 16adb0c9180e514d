import * as React from 'react';
import { forwardRef, memo } from 'react';

export interface ButtonProps {
  label: string;
  size?: 'sm' | 'md' | 'lg';
}

function ButtonImpl({ label, size = 'md' }: ButtonProps, ref: React.ForwardedRef<HTMLButtonElement>) {
  return <button ref={ref} data-size={size}>{label}</button>;
}

export const Button = memo(forwardRef(ButtonImpl));
