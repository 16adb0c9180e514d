import * as React from 'react';

export interface ButtonProps {
  label: string;
  onPress?: () => void;
  tone?: 'neutral' | 'danger';
}

function withTracking<P extends object>(Component: React.ComponentType<P>) {
  return function Tracked(props: P) {
    return <Component {...props} />;
  };
}

function ButtonBase({ label, onPress, tone }: ButtonProps) {
  return <button onClick={onPress} data-tone={tone}>{label}</button>;
}

export const Button = withTracking(ButtonBase);
