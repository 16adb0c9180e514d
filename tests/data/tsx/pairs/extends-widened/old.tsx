import * as React from 'react';

export interface IconButtonProps extends Omit<React.ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'children'> {
  icon: React.ReactNode;
}

export function IconButton({ icon, ...rest }: IconButtonProps) {
  return <button {...rest}>{icon}</button>;
}
