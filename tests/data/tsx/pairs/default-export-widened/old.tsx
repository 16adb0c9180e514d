import * as React from 'react';

export interface AvatarProps {
  src: string;
  size?: number;
}

export default function Avatar({ src, size = 32 }: AvatarProps) {
  return <img src={src} width={size} height={size} alt="" />;
}
