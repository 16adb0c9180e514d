import { useRef } from 'react';
import { Link } from './component';

export function Nav() {
  const ref = useRef<HTMLAnchorElement>(null);
  return <Link ref={ref} href="/home">Home</Link>;
}
