import { Disclosure } from './component';

export const Details = () => (
  <Disclosure>{(state) => (state.open ? 'Hide' : 'Show')}</Disclosure>
);
