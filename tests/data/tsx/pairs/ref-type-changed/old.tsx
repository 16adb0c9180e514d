import * as React from 'react';

export interface LinkProps {
  href: string;
  children?: React.ReactNode;
}

export const Link = React.memo(
  React.forwardRef((props: LinkProps, ref: React.Ref<HTMLAnchorElement>) => (
    <a ref={ref} href={props.href}>{props.children}</a>
  )),
);
