type RemoveHandler = (label: string) => void;

export interface ChipProps {
  label: string;
  onRemove?: RemoveHandler;
}

export const Chip = ({ label, onRemove }: ChipProps) => (
  <button type="button" onClick={() => onRemove?.(label)}>
    {label}
  </button>
);
