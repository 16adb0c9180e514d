import { useState } from 'react';
import { Select } from './component';

export function Quantity() {
  const [n, setN] = useState(1);
  return <Select<string> options={['1', '2']} value={String(n)} onChange={(v) => setN(Number(v.trim()))} getLabel={(o) => o.toUpperCase()} />;
}
