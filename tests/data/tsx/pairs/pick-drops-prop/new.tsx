import * as React from 'react';

interface AnchorBase {
  href: string;
  target?: '_blank' | '_self';
  rel?: string;
}

export type LinkProps = Pick<AnchorBase, 'href'> & { children?: React.ReactNode };

export function Link({ href, children }: LinkProps) {
  return <a href={href}>{children}</a>;
}
