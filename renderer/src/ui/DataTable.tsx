import type { ReactNode } from 'react';

export interface Column<Row> {
  /** GoTrue's field name where the column shows one, so the table reads like the JSON beside it. */
  header: string;
  cell(row: Row): ReactNode;
}

interface Props<Row> {
  /** The table's accessible name (tests and screen readers find it by this). */
  label: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey(row: Row): string;
  /** What an empty answer says instead of a table with a header and no rows. */
  empty: string;
}

/** A list answer (identities, grants, passkeys) as a table: one row per item, one column per field. */
export function DataTable<Row>({ label, columns, rows, rowKey, empty }: Props<Row>) {
  if (rows.length === 0) return <p className="small">{empty}</p>;
  return (
    <table className="compare data-table" aria-label={label}>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.header} scope="col">
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)}>
            {columns.map((column) => (
              <td key={column.header}>{column.cell(row)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
