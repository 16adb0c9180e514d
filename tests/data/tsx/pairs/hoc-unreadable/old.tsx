import * as React from 'react';

export interface ButtonProps {
  label: string;
  onPress?: () => void;
}

function withTracking<P extends object>(Component: React.ComponentType<P>) {
  return function Tracked(props: P) {
    return <Component {...props} />;
  };
}

function ButtonBase({ label, onPress }: ButtonProps) {
  return <button onClick={onPress}>{label}</button>;
}

export const Button = withTracking(ButtonBase);
