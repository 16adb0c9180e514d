import { Slider } from './component';

export function Volume({ set }: { set: (level: number) => void }) {
  return <Slider value={3} onChange={(value, event) => set(value + event.target.valueAsNumber)} />;
}
