import * as React from 'react';

export interface IconButtonProps extends Omit<React.ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'title'> {
  icon: React.ReactNode;
}

export function IconButton({ icon, ...rest }: IconButtonProps) {
  return <button type="button" {...rest}>{icon}</button>;
}
