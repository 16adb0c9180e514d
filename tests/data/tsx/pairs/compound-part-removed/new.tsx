import * as React from 'react';

export interface ListProps {
  children?: React.ReactNode;
}

export interface ListItemProps {
  label: string;
}

function ListRoot({ children }: ListProps) {
  return <ul>{children}</ul>;
}

function ListItem({ label }: ListItemProps) {
  return <li>{label}</li>;
}

export const List = Object.assign(ListRoot, { Item: ListItem });
