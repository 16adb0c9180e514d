import { useState } from 'react';
import { Select } from './component';

export function Quantity() {
  const [n, setN] = useState(1);
  return <Select<number> options={[1, 2, 3]} value={n} onChange={(v) => setN(v * 2)} getLabel={(o) => o.toFixed(0)} />;
}
