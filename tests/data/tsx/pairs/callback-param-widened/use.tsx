import { useState } from 'react';
import { TextField } from './component';

export function Search() {
  const [query, setQuery] = useState('');
  return <TextField value={query} onChange={(value) => setQuery(value.trim().toLowerCase())} />;
}
