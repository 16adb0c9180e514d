import * as React from 'react';

export interface CardProps {
  children?: React.ReactNode;
}

export interface CardHeaderProps {
  title: string;
}

function CardHeader({ title }: CardHeaderProps) {
  return <header>{title}</header>;
}

export function Card({ children }: CardProps) {
  return <section>{children}</section>;
}

Card.Header = CardHeader;
Card.displayName = 'Card';
