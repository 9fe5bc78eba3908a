import { useEffect, useState } from 'react';
import { useExplorer } from '../explorer/ExplorerProvider.js';
import { formatAddresses } from './addresses.js';
import { deleteAllMail, deleteMail, deleteMatches, listMail, listSms, searchMail, type MessageSummary, type Sms } from './inbox-api.js';
import { MailView } from './MailView.js';
import { SmsView } from './SmsView.js';

const REFRESH_MS = 2000;
const LIMIT = 50;

type Item = { kind: 'mail'; id: string; at: string; mail: MessageSummary } | { kind: 'sms'; id: string; at: string; sms: Sms };

interface Captured {
  items: Item[];
  /** Mail in the inbox, and how many match the search (the same without one). */
  mailTotal: number;
  mailMatching: number;
}

/**
 * The outbox has no search grammar: an SMS matches a query of plain words that all appear in its
 * phone or text. A query with Mailpit's operators (to:, is:unread, ...) is about mail only.
 */
function smsMatches(sms: Sms, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.some((w) => w.includes(':'))) return false;
  const text = `+${sms.phone} ${sms.body}`.toLowerCase();
  return words.every((w) => text.includes(w.replace(/^"|"$/g, '')));
}

function useCaptured(query: string) {
  const { inboxUrl } = useExplorer();
  const [captured, setCaptured] = useState<Captured | null>(null);
  const [error, setError] = useState('');
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        // Mailpit's list and search answer the same envelope; search refuses an empty query
        const mailList = query ? searchMail(inboxUrl, query, LIMIT) : listMail(inboxUrl, LIMIT);
        const [mail, sms] = await Promise.all([mailList, listSms(inboxUrl, LIMIT)]);
        if (!live) return;
        const items: Item[] = [
          ...mail.messages.map((m): Item => ({ kind: 'mail', id: m.ID, at: m.Created, mail: m })),
          ...sms.filter((s) => !query || smsMatches(s, query)).map((s): Item => ({ kind: 'sms', id: s.id, at: s.createdAt, sms: s })),
        ].sort((a, b) => b.at.localeCompare(a.at));
        setCaptured({ items, mailTotal: mail.total, mailMatching: mail.messages_count });
        setError('');
      } catch (e) {
        if (live) setError((e as Error).message);
      }
      if (live) timer = setTimeout(() => void load(), REFRESH_MS);
    };
    void load();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [inboxUrl, query, version]);
  return { captured, error, reload: () => setVersion((v) => v + 1) };
}

function SearchForm({ applied, onSearch }: { applied: string; onSearch(query: string): void }) {
  const [text, setText] = useState(applied);
  return (
    <form
      className="row search"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        onSearch(text.trim());
      }}
    >
      <input
        aria-label="Search mail"
        placeholder='to:ada@example.com, subject:"Confirm", is:unread, or words'
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit">Search</button>
      {applied && (
        <button
          type="button"
          onClick={() => {
            setText('');
            onSearch('');
          }}
        >
          Clear
        </button>
      )}
    </form>
  );
}

/** Delete every mail, or every match of the search, after a second click that says how many. */
function DeleteMany({ query, count, onDone }: { query: string; count: number; onDone(error?: string): void }) {
  const { inboxUrl } = useExplorer();
  const [confirming, setConfirming] = useState(false);
  useEffect(() => setConfirming(false), [query]);
  if (count === 0) return null;
  const what = query
    ? `the ${count === 1 ? 'one matching mail' : `${count} matching mails`}`
    : count === 1 ? 'the one mail' : `all ${count} mails`;
  if (!confirming) {
    return (
      <button type="button" className="danger" onClick={() => setConfirming(true)}>
        {query ? 'Delete matches…' : 'Delete all mail…'}
      </button>
    );
  }
  return (
    <>
      <button
        type="button"
        className="danger primary-danger"
        onClick={() => {
          setConfirming(false);
          (query ? deleteMatches(inboxUrl, query) : deleteAllMail(inboxUrl)).then(
            () => onDone(),
            (e: unknown) => onDone((e as Error).message),
          );
        }}
      >
        Yes, delete {what}
      </button>
      <button type="button" onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </>
  );
}

/** Every mail and SMS the emulator captured, newest first, refreshing by itself; searchable as in Mailpit. */
export function InboxView() {
  const { inboxUrl } = useExplorer();
  const [query, setQuery] = useState('');
  const { captured, error, reload } = useCaptured(query);
  const [openId, setOpenId] = useState<string | null>(null);
  const [actionError, setActionError] = useState('');
  const items = captured?.items;
  const open = items?.find((item) => item.id === openId);
  const afterDelete = (failure?: string) => {
    setActionError(failure ? `Cannot delete: ${failure}` : '');
    reload();
  };

  return (
    <div className="flow inbox-view">
      <header className="flow-intro">
        <h2>Inbox</h2>
        <p>
          What GoTrue sent, captured by the emulator instead of delivered: mail from its Mailpit-compatible inbox, texts
          from its SMS outbox. Refreshes every {REFRESH_MS / 1000} s. The full inbox page is at{' '}
          <a href={inboxUrl} target="_blank" rel="noreferrer">
            {inboxUrl}
          </a>
          .
        </p>
      </header>
      <SearchForm applied={query} onSearch={setQuery} />
      <p className="muted small">
        Mailpit’s search (<code>GET /api/v1/search</code>): plain words and <code>"phrases"</code> in the sender, recipients,
        subject and text; <code>to:</code> <code>from:</code> <code>subject:</code> <code>is:unread</code>{' '}
        <code>before:</code>/<code>after:</code>; a leading <code>-</code> excludes. SMS match plain words only.
      </p>
      {error && <p className="error-text">Cannot read the inbox: {error}</p>}
      {actionError && (
        <p className="error-text" role="alert">
          {actionError}
        </p>
      )}
      {captured && (
        <div className="row">
          <p className="small" role="status" aria-label="Mail count">
            {query
              ? `${captured.mailMatching} of ${captured.mailTotal} ${captured.mailTotal === 1 ? 'mail matches' : 'mails match'} “${query}”`
              : `${captured.mailTotal} ${captured.mailTotal === 1 ? 'mail' : 'mails'}`}
          </p>
          <DeleteMany query={query} count={query ? captured.mailMatching : captured.mailTotal} onDone={afterDelete} />
        </div>
      )}
      <div className="inbox-columns">
        <ul className="inbox-list" aria-label="Captured messages">
          {items?.length === 0 && <li className="muted">{query ? 'Nothing matches.' : 'Nothing captured yet.'}</li>}
          {items?.map((item) => (
            <li key={`${item.kind}-${item.id}`}>
              <button
                type="button"
                className={`inbox-item${item.id === openId ? ' selected' : ''}${item.kind === 'mail' && !item.mail.Read ? ' unread' : ''}`}
                onClick={() => setOpenId(item.id)}
              >
                <span className={`kind-tag kind-${item.kind}`}>{item.kind === 'mail' ? 'Mail' : 'SMS'}</span>
                <span className="inbox-to">{item.kind === 'mail' ? formatAddresses(item.mail.To) : `+${item.sms.phone}`}</span>
                <span className="inbox-time">{new Date(item.at).toLocaleTimeString()}</span>
                <span className="inbox-subject">{item.kind === 'mail' ? item.mail.Subject : item.sms.body}</span>
              </button>
            </li>
          ))}
        </ul>
        <div className="inbox-detail">
          {!open && <p className="muted">Open a message to see it as it was sent.</p>}
          {open?.kind === 'mail' && (
            <>
              <div className="row">
                <button
                  type="button"
                  className="danger"
                  onClick={() => {
                    setOpenId(null);
                    deleteMail(inboxUrl, [open.id]).then(
                      () => afterDelete(),
                      (e: unknown) => afterDelete((e as Error).message),
                    );
                  }}
                >
                  Delete this mail
                </button>
              </div>
              <MailView key={open.id} id={open.id} sourceViews />
            </>
          )}
          {open?.kind === 'sms' && <SmsView sms={open.sms} />}
        </div>
      </div>
    </div>
  );
}
