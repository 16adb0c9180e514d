import { forwardRef } from 'react';

export interface InputProps {
  name: string;
  placeholder?: string;
}

export const Input = forwardRef<HTMLInputElement, InputProps>(function Input({ name, placeholder }, ref) {
  return <input ref={ref} name={name} placeholder={placeholder} />;
});
