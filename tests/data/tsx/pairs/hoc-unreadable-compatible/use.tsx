import { Button } from './component';

export const Save = ({ save }: { save: () => void }) => <Button label="Save" onPress={save} />;
