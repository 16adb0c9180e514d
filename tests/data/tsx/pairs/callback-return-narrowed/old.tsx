import * as React from 'react';

export interface DialogProps {
  title: string;
  children?: React.ReactNode;
  onClose: () => void;
}

export function Dialog({ title, children, onClose }: DialogProps) {
  return (
    <div role="dialog" aria-label={title}>
      {children}
      <button onClick={() => onClose()}>Close</button>
    </div>
  );
}
