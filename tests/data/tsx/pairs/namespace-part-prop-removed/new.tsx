import * as React from 'react';

export interface MenuRootProps {
  label: string;
  children?: React.ReactNode;
}

export interface MenuItemProps {
  value: string;
}

function MenuRoot({ label, children }: MenuRootProps) {
  return <div role="menu" aria-label={label}>{children}</div>;
}

function MenuItem({ value }: MenuItemProps) {
  return <div role="menuitem">{value}</div>;
}

export const Menu = { Root: MenuRoot, Item: MenuItem };
