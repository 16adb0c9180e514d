import * as React from 'react';

export interface IconButtonProps extends React.ButtonHTMLAttributes<HTMLButtonElement> {
  icon: React.ReactNode;
  tone?: 'neutral' | 'danger';
}

export function IconButton({ icon, tone = 'neutral', ...rest }: IconButtonProps) {
  return <button data-tone={tone} {...rest}>{icon}</button>;
}
