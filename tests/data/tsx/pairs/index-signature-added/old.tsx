import * as React from 'react';

export interface BoxProps {
  as?: 'div' | 'section';
  children?: React.ReactNode;
}

export function Box({ as: Tag = 'div', children }: BoxProps) {
  return <Tag>{children}</Tag>;
}
