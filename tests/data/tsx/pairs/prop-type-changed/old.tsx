import * as React from 'react';

type BadgeProps = { count: number; max?: number };

export const Badge = ({ count, max = 99 }: BadgeProps) => (
  <span className="badge">{count > max ? `${max}+` : count}</span>
);
