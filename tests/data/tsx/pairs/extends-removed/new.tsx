import * as React from 'react';

export interface IconButtonProps {
  icon: React.ReactNode;
}

export function IconButton({ icon }: IconButtonProps) {
  return <button type="button">{icon}</button>;
}
