export interface BadgeProps {
  label: string;
  tone?: 'neutral' | 'success';
}

export default function ({ label, tone = 'neutral' }: BadgeProps) {
  return <span data-tone={tone}>{label}</span>;
}
