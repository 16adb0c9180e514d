import type { Ref } from 'react';

export interface InputProps {
  name: string;
  placeholder?: string;
  ref?: Ref<HTMLInputElement>;
}

export function Input({ name, placeholder, ref }: InputProps) {
  return <input ref={ref} name={name} placeholder={placeholder} />;
}
