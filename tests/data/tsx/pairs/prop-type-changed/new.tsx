import * as React from 'react';

type BadgeProps = { count: string; max?: number };

export const Badge = ({ count, max = 99 }: BadgeProps) => (
  <span className="badge">{Number(count) > max ? `${max}+` : count}</span>
);
