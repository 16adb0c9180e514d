import * as React from 'react';

export interface TagProps {
  text: string;
  tone?: 'neutral' | 'accent';
}

export const Tag: React.FC<TagProps> = ({ text, tone = 'neutral' }) => <span className={tone}>{text}</span>;
