import * as React from 'react';

export interface IconButtonProps extends React.ButtonHTMLAttributes<HTMLButtonElement> {
  icon: React.ReactNode;
}

export function IconButton({ icon, ...rest }: IconButtonProps) {
  return <button {...rest}>{icon}</button>;
}
