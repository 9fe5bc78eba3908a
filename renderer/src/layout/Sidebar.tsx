import type { ReactNode } from 'react';
import type { FlowEntry } from '../flows/index.js';

interface Props {
  flows: FlowEntry[];
  current: string;
  footer: ReactNode;
}

function Entry({ flow, current }: { flow: FlowEntry; current: string }) {
  return (
    <li>
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
  );
}

export function Sidebar({ flows, current, footer }: Props) {
  const tools = flows.filter((f) => f.tool);
  return (
    <nav className="sidebar" aria-label="Flows">
      <div className="brand">
        authlab <span className="muted">flow explorer</span>
      </div>
      <ul>
        {flows
          .filter((f) => !f.tool)
          .map((flow) => (
            <Entry key={flow.id} flow={flow} current={current} />
          ))}
      </ul>
      {tools.length > 0 && (
        <ul className="sidebar-tools">
          {tools.map((flow) => (
            <Entry key={flow.id} flow={flow} current={current} />
          ))}
        </ul>
      )}
      <div className="sidebar-footer">{footer}</div>
    </nav>
  );
}
