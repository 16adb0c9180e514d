import * as React from 'react';

export interface TagProps {
  text: string;
  tone?: 'neutral' | 'accent';
}

export function Tag({ text, tone = 'neutral' }: TagProps) {
  return <span className={tone}>{text}</span>;
}
