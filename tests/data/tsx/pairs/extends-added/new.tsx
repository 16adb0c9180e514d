import type { HTMLAttributes, ReactNode } from 'react';

interface CardProps extends HTMLAttributes<HTMLElement> {
  title: string;
  children?: ReactNode;
}

export function Card({ title, children, ...rest }: CardProps) {
  return <section {...rest}><h2>{title}</h2>{children}</section>;
}
