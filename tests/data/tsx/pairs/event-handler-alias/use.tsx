import { Toggle } from './component';

export const Mute = () => <Toggle pressed onActivate={(event) => console.log(event.currentTarget.disabled)} />;
