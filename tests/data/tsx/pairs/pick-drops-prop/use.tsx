import { Link } from './component';

export const Docs = () => <Link href="/docs" target="_blank">Docs</Link>;
