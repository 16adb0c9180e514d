import * as React from 'react';

export interface ChipProps {
  item: { id: string; label?: string };
}

export function Chip({ item }: ChipProps) {
  return <span data-id={item.id}>{item.label ?? item.id}</span>;
}
