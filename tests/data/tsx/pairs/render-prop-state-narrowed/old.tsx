import * as React from 'react';
import { useState } from 'react';

export interface DisclosureState {
  open: boolean;
}

export interface DisclosureProps {
  children: (state: DisclosureState) => React.ReactNode;
}

export function Disclosure({ children }: DisclosureProps) {
  const [open] = useState(false);
  return <div>{children({ open })}</div>;
}
