import * as React from 'react';

export interface DialogProps {
  title: string;
  children?: React.ReactNode;
  onClose: () => boolean;
}

export function Dialog({ title, children, onClose }: DialogProps) {
  return (
    <div role="dialog" aria-label={title}>
      {children}
      <button onClick={() => { if (!onClose()) return; }}>Close</button>
    </div>
  );
}
