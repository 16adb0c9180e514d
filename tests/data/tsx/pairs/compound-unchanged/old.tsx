import * as React from 'react';

export interface TabsProps {
  value: string;
  children?: React.ReactNode;
}

export interface TabPanelProps {
  id: string;
  onSelect: (id: string, index: number) => void;
  children?: React.ReactNode;
}

function TabsRoot({ value, children }: TabsProps) {
  return <div role="tablist" data-value={value}>{children}</div>;
}

function TabPanel({ id, onSelect, children }: TabPanelProps) {
  return <div role="tabpanel" id={id} onClick={() => onSelect(id, 0)}>{children}</div>;
}

export const Tabs = Object.assign(TabsRoot, { Panel: TabPanel });
