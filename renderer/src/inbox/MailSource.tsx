import { useEffect, useState, type ReactNode } from 'react';
import { useExplorer } from '../explorer/ExplorerProvider.js';
import { CopyButton } from '../ui/CopyButton.js';
import { getMailHeaders, getRawMail } from './inbox-api.js';

type Tab = 'message' | 'headers' | 'raw';

const TABS: { tab: Tab; label: string }[] = [
  { tab: 'message', label: 'Message' },
  { tab: 'headers', label: 'Headers' },
  { tab: 'raw', label: 'Raw source' },
];

/** Loads when its tab is opened (the tab's panel mounts then): most mails are only read as a message. */
function useLoaded<T>(load: () => Promise<T>, key: string): { value?: T; error?: string } {
  const [state, setState] = useState<{ value?: T; error?: string }>({});
  useEffect(() => {
    let live = true;
    load().then(
      (value) => live && setState({ value }),
      (e: unknown) => live && setState({ error: (e as Error).message }),
    );
    return () => {
      live = false;
    };
    // load is a new closure each render; key names what it loads
  }, [key]);
  return state;
}

function Headers({ id }: { id: string }) {
  const { inboxUrl } = useExplorer();
  const { value, error } = useLoaded(() => getMailHeaders(inboxUrl, id), `${inboxUrl} ${id}`);
  if (error) return <p className="error-text">Cannot read the headers: {error}</p>;
  if (!value) return <p className="muted">Loading the headers…</p>;
  return (
    <table className="admin-table mail-header-table" aria-label="Mail headers">
      <tbody>
        {Object.entries(value).flatMap(([name, values]) =>
          values.map((v, i) => (
            <tr key={`${name}-${i}`}>
              <th scope="row">{name}</th>
              <td className="mono small">{v}</td>
            </tr>
          )),
        )}
      </tbody>
    </table>
  );
}

function Raw({ id }: { id: string }) {
  const { inboxUrl } = useExplorer();
  const { value, error } = useLoaded(() => getRawMail(inboxUrl, id), `${inboxUrl} ${id}`);
  const url = `${inboxUrl}/api/v1/message/${encodeURIComponent(id)}/raw`;
  if (error) return <p className="error-text">Cannot read the source: {error}</p>;
  if (value === undefined) return <p className="muted">Loading the source…</p>;
  return (
    // .jwt: the explorer's code box (bordered, wrapping), as for decoded tokens
    <div className="mail-source jwt">
      <div className="row">
        <CopyButton value={value} what="raw source" />
        <a href={`${url}?dl=1`} download={`${id}.eml`}>
          Download .eml
        </a>
      </div>
      {/* focusable: a box that scrolls must be reachable by keyboard */}
      <pre role="region" aria-label="Raw mail source" tabIndex={0}>
        {value}
      </pre>
    </div>
  );
}

/**
 * A captured mail three ways, as Mailpit's message view: as a mail client renders it, every header
 * (GET /api/v1/message/{ID}/headers) and the RFC 822 source (/raw).
 */
export function MailSource({ id, body }: { id: string; body: ReactNode }) {
  const [tab, setTab] = useState<Tab>('message');
  return (
    <>
      <div className="row" role="tablist" aria-label="Mail views">
        {TABS.map((t) => (
          <button
            key={t.tab}
            type="button"
            role="tab"
            aria-selected={tab === t.tab}
            className={tab === t.tab ? 'primary' : undefined}
            onClick={() => setTab(t.tab)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={TABS.find((t) => t.tab === tab)?.label}>
        {tab === 'message' && body}
        {tab === 'headers' && <Headers id={id} />}
        {tab === 'raw' && <Raw id={id} />}
      </div>
    </>
  );
}
