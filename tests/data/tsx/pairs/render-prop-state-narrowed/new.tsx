import * as React from 'react';
import { useState } from 'react';

export interface DisclosureState {
  open: boolean;
  toggle: () => void;
}

export interface DisclosureProps {
  children: (state: DisclosureState) => React.ReactNode;
}

export function Disclosure({ children }: DisclosureProps) {
  const [open, setOpen] = useState(false);
  return <div>{children({ open, toggle: () => setOpen(!open) })}</div>;
}
