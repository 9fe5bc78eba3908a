import type { MouseEvent, ReactNode } from 'react';
import { SCREEN_TITLE_ID } from './SessionHeader.js';
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

/**
 * Moves focus to the screen's title. A click handler, not a #fragment: the hash is the explorer's
 * route, so a plain in-page anchor would navigate away.
 */
function skipToContent(event: MouseEvent) {
  event.preventDefault();
  const target = document.getElementById(SCREEN_TITLE_ID) ?? document.querySelector<HTMLElement>('main');
  if (!target) return;
  if (!target.hasAttribute('tabindex')) target.tabIndex = -1;
  target.focus();
}

export function Sidebar({ flows, current, footer }: Props) {
  const tools = flows.filter((f) => f.tool);
  return (
    <>
      {/* first in the tab order: a keyboard user skips the ~16 links below in one press */}
      <a className="skip-link" href={`#/${current}`} onClick={skipToContent}>
        Skip to content
      </a>
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
    </>
  );
}
