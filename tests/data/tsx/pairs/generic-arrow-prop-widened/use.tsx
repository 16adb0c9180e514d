import { Table } from './component';

export const People = () => <Table rows={[{ name: 'Ada', age: 36 }]} columns={['name', 'age']} dense />;
