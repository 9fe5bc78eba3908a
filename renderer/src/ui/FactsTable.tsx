import type { ReactNode } from 'react';

/** A two-column table of named facts (a URL's parameters, a user, a client), one row per name. */
export function FactsTable(props: { label: string; rows: [string, ReactNode][]; className?: string; caption?: ReactNode }) {
  return (
    <table className={props.className ?? 'compare'} aria-label={props.label}>
      {props.caption !== undefined && <caption className="muted small">{props.caption}</caption>}
      <tbody>
        {props.rows.map(([name, value]) => (
          <tr key={name}>
            <th>{name}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
