import * as React from 'react';

export function Button({ label }: { label: string }) {
  return <button>{label}</button>;
}

export function GlyphButton({ icon }: { icon: React.ReactNode }) {
  return <button>{icon}</button>;
}
