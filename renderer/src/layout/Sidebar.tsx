import type { ReactNode } from 'react';
import type { FlowEntry } from '../flows/index.js';

interface Props {
  flows: FlowEntry[];
  current: string;
  footer: ReactNode;
}

export function Sidebar({ flows, current, footer }: Props) {
  return (
    <nav className="sidebar" aria-label="Flows">
      <div className="brand">
        authlab <span className="muted">flow explorer</span>
      </div>
      <ul>
        {flows.map((flow) => (
          <li key={flow.id}>
            {flow.component ? (
              <a href={`#/${flow.id}`} aria-current={flow.id === current ? 'page' : undefined}>
                {flow.title}
              </a>
            ) : (
              <span className="soon" title="Not emulated yet">
                {flow.title} <span className="soon-tag">soon</span>
              </span>
            )}
          </li>
        ))}
      </ul>
      <div className="sidebar-footer">{footer}</div>
    </nav>
  );
}
