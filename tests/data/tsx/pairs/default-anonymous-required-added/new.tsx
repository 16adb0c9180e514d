import { memo } from 'react';

export interface BadgeProps {
  label: string;
  tone?: 'neutral' | 'success';
  count: number;
}

export default memo(function Badge({ label, tone = 'neutral', count }: BadgeProps) {
  return <span data-tone={tone}>{label} {count}</span>;
});
