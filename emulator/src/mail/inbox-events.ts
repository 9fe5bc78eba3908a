import type { Sql } from '../db/storage.js';
import { toSummary, type MessageSummary } from './message.js';
import type { MailRow } from './store.js';

/** One message on Mailpit's /api/events WebSocket: Go's struct serialised with its field names. */
export type InboxEvent =
  | { Type: 'new'; Data: MessageSummary }
  | { Type: 'update'; Data: { ID: string; Read: boolean } }
  | { Type: 'delete'; Data: { ID: string } }
  | { Type: 'truncate'; Data: null }
  | { Type: 'stats'; Data: { Total: number; Unread: number; Version: string } };

export interface InboxEvents {
  /** Starts watching with the first listener and stops with the last; returns the unsubscribe. */
  subscribe(listener: (event: InboxEvent) => void): () => void;
  /** Something may have changed (a request was answered): look now rather than at the next tick. */
  poke(): void;
  /** Origins, besides the server's own, whose pages may listen (inboxAllowedOrigins, as for the HTTP API). */
  readonly allowedOrigins: readonly string[];
  close(): void;
}

/** How often the inbox is looked at when nothing pokes it: writes by another process on a shared database. */
const TICK_MS = 1000;

/**
 * Mailpit's live events, found by comparing the mailbox with what was last seen, not announced by
 * the code that writes: a mail inserted by a transaction that rolls back is never announced, and
 * writes from anywhere (the control API, a second process on a shared PostgreSQL, a reset) are.
 * The emulator pokes it after every answered request; the tick catches the rest. Nothing runs while
 * no one listens.
 */
export function createInboxEvents(db: Sql, version: string, allowedOrigins: readonly string[] = []): InboxEvents {
  const listeners = new Set<(event: InboxEvent) => void>();
  let seen: Map<string, boolean> | undefined; // id -> read
  let timer: ReturnType<typeof setInterval> | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let greet = false; // someone connected: as Mailpit, everyone is told the counts

  const emit = (event: InboxEvent) => {
    for (const listener of listeners) listener(event);
  };

  const stats = (rows: { read: boolean }[]): InboxEvent => ({
    Type: 'stats',
    Data: { Total: rows.length, Unread: rows.filter((r) => !r.read).length, Version: version },
  });

  async function look() {
    const rows = await db.query<{ id: string; read: boolean }>('select id, read from authlab.mail');
    const now = new Map(rows.map((r) => [r.id, r.read]));
    const before = seen;
    const added = before ? rows.filter((r) => !before.has(r.id)).map((r) => r.id) : [];
    const removed = before ? [...before.keys()].filter((id) => !now.has(id)) : [];
    const updated = before ? rows.filter((r) => before.has(r.id) && before.get(r.id) !== r.read) : [];
    if (!before || added.length + removed.length + updated.length === 0) {
      seen = now; // the first look only learns what is there
      if (greet) emit(stats(rows));
      greet = false;
      return;
    }
    // read before anything is announced: if it fails, the next look finds the same changes
    const mails = added.length === 0 ? [] : await db.query<MailRow>(
      'select * from authlab.mail where id in (select jsonb_array_elements_text($1::jsonb)) order by created_at, id',
      [JSON.stringify(added)],
    );
    seen = now;

    // as Mailpit: emptying the mailbox is one truncate, not a delete per message
    if (now.size === 0 && removed.length > 1) emit({ Type: 'truncate', Data: null });
    else for (const ID of removed) emit({ Type: 'delete', Data: { ID } });
    for (const r of updated) emit({ Type: 'update', Data: { ID: r.id, Read: r.read } });
    for (const mail of mails) emit({ Type: 'new', Data: toSummary(mail) });
    emit(stats(rows));
    greet = false;
  }

  /** One look at a time; a poke during a look asks for one more after it. */
  function check() {
    if (listeners.size === 0) return;
    if (running) {
      again = true;
      return;
    }
    running = look()
      .catch(() => undefined) // a closed database while shutting down; the next look will tell
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          check();
        }
      });
  }

  return {
    subscribe(listener) {
      listeners.add(listener);
      greet = true;
      if (!timer) seen = undefined;
      check();
      if (!timer) {
        timer = setInterval(check, TICK_MS);
        // in Node, listening never keeps a process alive on its own
        (timer as { unref?: () => void }).unref?.();
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer) {
          clearInterval(timer);
          timer = undefined;
        }
      };
    },
    poke: check,
    allowedOrigins,
    close() {
      listeners.clear();
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
