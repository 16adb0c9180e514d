import * as React from 'react';

export interface MenuItem {
  id: string;
  label: string;
}

export interface MenuProps {
  items: MenuItem[];
  renderItem: (item: MenuItem) => React.ReactNode;
}

export function Menu({ items, renderItem }: MenuProps) {
  return <ul>{items.map((item) => <li key={item.id}>{renderItem(item)}</li>)}</ul>;
}
