import * as React from 'react';

export interface CardProps {
  children?: React.ReactNode;
}

export interface CardHeaderProps {
  title: string;
  subtitle?: string;
}

function CardHeader({ title, subtitle }: CardHeaderProps) {
  return <header>{title}{subtitle}</header>;
}

export function Card({ children }: CardProps) {
  return <section>{children}</section>;
}

Card.Header = CardHeader;
Card.displayName = 'Card';
