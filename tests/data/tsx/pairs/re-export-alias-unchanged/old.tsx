export interface ChipProps {
  label: string;
  onRemove?: (label: string) => void;
}

function ChipImpl({ label, onRemove }: ChipProps) {
  return <span onClick={() => onRemove?.(label)}>{label}</span>;
}

export { ChipImpl as Chip };
