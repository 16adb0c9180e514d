import * as React from 'react';

export interface ButtonProps {
  label: string;
}

function withTracking<P extends object>(Component: React.ComponentType<P>) {
  return function Tracked(props: P) {
    return <Component {...props} />;
  };
}

function ButtonBase({ label }: ButtonProps) {
  return <button>{label}</button>;
}

export const Button = withTracking(ButtonBase);
