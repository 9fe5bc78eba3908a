import { useEffect, useState } from 'react';
import { useExplorer } from '../devices/DevicesProvider.js';
import { listMail, listSms, type MailSummary, type Sms } from './inbox-api.js';
import { MailView } from './MailView.js';
import { SmsView } from './SmsView.js';

const REFRESH_MS = 2000;

type Item = { kind: 'mail'; id: string; at: string; mail: MailSummary } | { kind: 'sms'; id: string; at: string; sms: Sms };

function useCaptured() {
  const { inboxUrl } = useExplorer();
  const [items, setItems] = useState<Item[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const [mail, sms] = await Promise.all([listMail(inboxUrl), listSms(inboxUrl)]);
        if (!live) return;
        const merged: Item[] = [
          ...mail.map((m): Item => ({ kind: 'mail', id: m.ID, at: m.Created, mail: m })),
          ...sms.map((s): Item => ({ kind: 'sms', id: s.id, at: s.createdAt, sms: s })),
        ].sort((a, b) => b.at.localeCompare(a.at));
        setItems(merged);
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
  }, [inboxUrl]);
  return { items, error };
}

/** Every mail and SMS the emulator captured, newest first, refreshing by itself. */
export function InboxView() {
  const { inboxUrl } = useExplorer();
  const { items, error } = useCaptured();
  const [openId, setOpenId] = useState<string | null>(null);
  const open = items?.find((item) => item.id === openId);

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
      {error && <p className="error-text">Cannot read the inbox: {error}</p>}
      <div className="inbox-columns">
        <ul className="inbox-list" aria-label="Captured messages">
          {items?.length === 0 && <li className="muted">Nothing captured yet.</li>}
          {items?.map((item) => (
            <li key={`${item.kind}-${item.id}`}>
              <button
                type="button"
                className={`inbox-item${item.id === openId ? ' selected' : ''}${item.kind === 'mail' && !item.mail.Read ? ' unread' : ''}`}
                onClick={() => setOpenId(item.id)}
              >
                <span className={`kind-tag kind-${item.kind}`}>{item.kind === 'mail' ? 'Mail' : 'SMS'}</span>
                <span className="inbox-to">{item.kind === 'mail' ? item.mail.To.map((t) => t.Address).join(', ') : `+${item.sms.phone}`}</span>
                <span className="inbox-time">{new Date(item.at).toLocaleTimeString()}</span>
                <span className="inbox-subject">{item.kind === 'mail' ? item.mail.Subject : item.sms.body}</span>
              </button>
            </li>
          ))}
        </ul>
        <div className="inbox-detail">
          {!open && <p className="muted">Open a message to see it as it was sent.</p>}
          {open?.kind === 'mail' && <MailView key={open.id} id={open.id} />}
          {open?.kind === 'sms' && <SmsView sms={open.sms} />}
        </div>
      </div>
    </div>
  );
}
