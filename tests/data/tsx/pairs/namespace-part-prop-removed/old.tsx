import * as React from 'react';

export interface MenuRootProps {
  label: string;
  children?: React.ReactNode;
}

export interface MenuItemProps {
  value: string;
  disabled?: boolean;
}

function MenuRoot({ label, children }: MenuRootProps) {
  return <div role="menu" aria-label={label}>{children}</div>;
}

function MenuItem({ value, disabled }: MenuItemProps) {
  return <div role="menuitem" aria-disabled={disabled}>{value}</div>;
}

export const Menu = { Root: MenuRoot, Item: MenuItem };
