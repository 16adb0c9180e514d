import * as React from 'react';

export interface Item {
  id: string;
  label: string;
}

export interface ListProps {
  items: Item[];
  onSelect?(item: Item): void;
}

export function List({ items, onSelect }: ListProps) {
  return (
    <ul>
      {items.map((item, index) => (
        <li key={item.id} onClick={() => onSelect?.(item)}>{item.label}</li>
      ))}
    </ul>
  );
}
