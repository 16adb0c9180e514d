import Avatar from './component';

export const Me = () => <><Avatar src="/me.png" size={48} /><Avatar src="/you.png" /></>;
