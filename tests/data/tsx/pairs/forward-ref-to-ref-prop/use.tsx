import { useRef } from 'react';
import { Input } from './component';

export function Login() {
  const ref = useRef<HTMLInputElement>(null);
  return <form onSubmit={() => ref.current?.focus()}><Input ref={ref} name="user" placeholder="Name" /></form>;
}
