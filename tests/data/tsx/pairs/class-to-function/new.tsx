import * as React from 'react';

export interface NoticeProps {
  text: string;
  onDismiss?: () => void;
}

export function Notice({ text, onDismiss }: NoticeProps) {
  return <p onClick={onDismiss}>{text}</p>;
}
