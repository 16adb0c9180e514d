import * as React from 'react';

export type AlertProps =
  | { tone: 'info'; message: string }
  | { tone: 'error'; error: Error };

export function Alert(props: AlertProps) {
  return <div role="alert">{props.tone === 'info' ? props.message : props.error.message}</div>;
}
