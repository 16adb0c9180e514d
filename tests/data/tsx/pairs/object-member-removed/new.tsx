import * as React from 'react';

export interface ChipProps {
  item: { id: string };
}

export function Chip({ item }: ChipProps) {
  return <span data-id={item.id}>{item.id}</span>;
}
