import * as React from 'react';

interface AnchorBase {
  href: string;
  target?: '_blank' | '_self';
  rel?: string;
}

export type LinkProps = Pick<AnchorBase, 'href' | 'target'> & { children?: React.ReactNode };

export function Link({ href, target, children }: LinkProps) {
  return <a href={href} target={target}>{children}</a>;
}
