import * as React from 'react';

type TableProps<Row> = {
  rows: readonly Row[];
  columns: (keyof Row)[];
  dense?: boolean | 'compact';
};

export const Table = <Row,>({ rows, columns, dense = false }: TableProps<Row>) => (
  <table className={dense ? 'dense' : undefined}>
    <tbody>{rows.map((row, i) => <tr key={i}>{columns.map((c) => <td key={String(c)}>{String(row[c])}</td>)}</tr>)}</tbody>
  </table>
);
