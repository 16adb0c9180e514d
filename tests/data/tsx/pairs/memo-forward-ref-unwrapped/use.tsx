import { useRef } from 'react';
import { Button } from './component';

export function Toolbar() {
  const ref = useRef<HTMLButtonElement>(null);
  return <Button ref={ref} label="Save" size="lg" />;
}
