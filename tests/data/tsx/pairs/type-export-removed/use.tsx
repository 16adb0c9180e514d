import { Button, type ButtonSize } from './component';

const sizes: ButtonSize[] = ['sm', 'lg'];

export const Sizes = () => <>{sizes.map((size) => <Button key={size} label={size} size={size} />)}</>;
