import { Hono, type Context } from 'hono';
import { limitBody } from '../http/body-limit.js';
import { parseRequestJson } from '../http/json-text.js';
import { sameOriginCors } from '../http/origin-policy.js';
import { createOutboxApp } from '../sms/outbox-app.js';
import { inboxPage, viewMessage, type InboxServices } from './inbox-page.js';
import { toAuthDetails, toHeaders, toMessage, toSummary, type MessagesSummary } from './message.js';
import { rawMessage } from './mime.js';
import { mailSearch, parseSearchDate } from './search.js';
import { allMail, deleteMail, findMail, mailPage, mailStats, setMailRead, type MailRow } from './store.js';

export type { InboxServices };

export interface InboxOptions {
  /** Origins, besides the server's own, whose pages may use the inbox (the inboxAllowedOrigins setting). */
  allowedOrigins?: readonly string[];
}

/** What /api/v1/info and the live events' stats report as the version. */
export const INBOX_VERSION = 'authlab (Mailpit v1.22-compatible inbox)';

/**
 * The captured-mail inbox, speaking Mailpit's REST API (v1.22, server/apiv1) so Mailpit clients
 * (cypress-mailpit, hand-written helpers) work against authlab unchanged. Routes sit at the app's
 * root, like Mailpit with an empty --webroot; mount it under any prefix. The web page is at GET /,
 * and the SMS outbox under /sms.
 *
 * authlab extras, not in Mailpit:
 *   GET /api/v1/message/{ID|latest}/auth  {Type, OTP, TokenHash, ActionURL, RedirectTo, UserID}
 *     of the mail GoTrue sent ('' when the mail has none). `latest` takes ?query= like Mailpit's,
 *     so `latest/auth?query=to:ada@example.com` is the code in the newest mail to Ada.
 *
 * Mailpit's /api/events WebSocket is not a route here: a fetch handler cannot upgrade a connection,
 * so the Node servers of cli.ts and node.ts answer it (adapters/inbox-events-ws.ts, events from
 * inbox-events.ts) at the inbox port's /api/events and at /_/inbox/api/events.
 *
 * Not implemented: attachments and parts (captured auth mail has none), tags editing, send,
 * release, html/link/spam checks and chaos.
 */
export function createInboxApp(services: InboxServices, options: InboxOptions = {}): Hono {
  const { db } = services;
  const startedAt = services.clock.now();
  // not strict: on its own port, /sms/ and /sms are one page (a parent app decides for itself)
  const app = new Hono({ strict: false });
  // As Mailpit without --api-cors: captured mail holds codes and links, so a page of another origin
  // may neither read it nor delete it, unless listed. Same rule on both ports, and for the live events.
  app.use(
    '*',
    sameOriginCors({
      allowedOrigins: () => options.allowedOrigins ?? [],
      allowMethods: ['GET', 'HEAD', 'PUT', 'DELETE'],
      setting: 'inboxAllowedOrigins (AUTHLAB_INBOX_ALLOWED_ORIGINS)',
    }),
  );
  // on its own port too, no body is read past GoTrue's 1 MiB
  app.use('*', limitBody());

  app.get('/api/v1/messages', async (c) => {
    const { start, limit, before } = pageParams(c);
    // as Mailpit's List: limit=0 lists everything
    const [rows, stats] = await Promise.all([mailPage(db, { limit: limit || null, offset: start, before }), mailStats(db)]);
    return c.json({
      total: stats.total,
      unread: stats.unread,
      count: rows.length,
      messages_count: stats.total,
      messages_unread: stats.unread,
      start,
      tags: stats.tags,
      messages: rows.map(toSummary),
    } satisfies MessagesSummary);
  });

  app.put('/api/v1/messages', async (c) => {
    const body = await jsonBody(c);
    if (!body.ok) return c.text(body.error, 400);
    const ids = stringList(field(body.value, 'IDs'));
    const search = String(field(body.value, 'Search') ?? '').trim();
    const read = field(body.value, 'Read') === true;
    if (ids.length > 0 && search) return c.text('You may specify either IDs or a search query, not both', 400);
    if (search) await setMailRead(db, read, (await searchMail(search, c.req.query('tz'))).map((m) => m.id));
    else await setMailRead(db, read, ids.length > 0 ? ids : undefined);
    return c.text('ok');
  });

  app.delete('/api/v1/messages', async (c) => {
    const body = await jsonBody(c);
    const ids = body.ok ? stringList(field(body.value, 'IDs')) : [];
    // as Mailpit: no body, an unreadable one or no IDs deletes every message
    await deleteMail(db, ids.length > 0 ? ids : undefined);
    return c.text('ok');
  });

  app.get('/api/v1/search', async (c) => {
    const query = (c.req.query('query') ?? '').trim();
    if (!query) return c.text('Error: no search query', 400);
    const { start, limit, before } = pageParams(c);
    const matches = (await searchMail(query, c.req.query('tz'))).filter((m) => !before || m.created_at < before);
    const stats = await mailStats(db);
    // as Mailpit's Search (unlike its List): limit=0 returns no messages, only the counts
    const page = matches.slice(start, start + limit);
    return c.json({
      total: stats.total,
      unread: stats.unread,
      count: page.length,
      messages_count: matches.length,
      messages_unread: matches.filter((m) => !m.read).length,
      start,
      tags: stats.tags,
      messages: page.map(toSummary),
    } satisfies MessagesSummary);
  });

  app.delete('/api/v1/search', async (c) => {
    const query = (c.req.query('query') ?? '').trim();
    if (!query) return c.text('Error: no search query', 400);
    const matches = await searchMail(query, c.req.query('tz'));
    if (matches.length > 0) await deleteMail(db, matches.map((m) => m.id));
    return c.text('ok');
  });

  /** Looks up `:id`, where `latest` (optionally ?query=) is the newest match; a 404 Response otherwise. */
  async function messageOr404(c: Context): Promise<MailRow | Response> {
    const id = c.req.param('id')!;
    if (id === 'latest') {
      const query = (c.req.query('query') ?? '').trim();
      const latest = query ? (await searchMail(query, c.req.query('tz')))[0] : (await mailPage(db, { limit: 1, offset: 0 }))[0];
      return latest ?? c.text('Message not found', 404);
    }
    return (await findMail(db, id)) ?? c.text('404 page not found', 404);
  }

  app.get('/api/v1/message/:id', async (c) => {
    const m = await messageOr404(c);
    if (m instanceof Response) return m;
    // as Mailpit: fetching a message marks it read
    if (!m.read) await setMailRead(db, true, [m.id]);
    return c.json(toMessage(m));
  });

  app.get('/api/v1/message/:id/headers', async (c) => {
    const m = await messageOr404(c);
    return m instanceof Response ? m : c.json(toHeaders(m));
  });

  app.get('/api/v1/message/:id/raw', async (c) => {
    const m = await messageOr404(c);
    if (m instanceof Response) return m;
    if (c.req.query('dl') === '1') c.header('content-disposition', `attachment; filename="${m.id}.eml"`);
    return c.body(rawMessage(m).source, 200, { 'content-type': 'text/plain; charset=utf-8' });
  });

  app.get('/api/v1/message/:id/auth', async (c) => {
    const m = await messageOr404(c);
    return m instanceof Response ? m : c.json(toAuthDetails(m));
  });

  app.get('/api/v1/info', async (c) => {
    const stats = await mailStats(db);
    const tags: Record<string, number> = {};
    if (stats.tags.length > 0) for (const m of await allMail(db)) for (const t of m.tags) tags[t] = (tags[t] ?? 0) + 1;
    return c.json({
      Version: INBOX_VERSION,
      LatestVersion: '',
      Database: 'authlab.mail (PGlite)',
      DatabaseSize: 0,
      Messages: stats.total,
      Unread: stats.unread,
      Tags: tags,
      RuntimeStats: {
        Uptime: Math.max(0, Math.floor((services.clock.now().getTime() - startedAt.getTime()) / 1000)),
        Memory: 0,
        MessagesDeleted: 0,
        SMTPAccepted: 0,
        SMTPAcceptedSize: 0,
        SMTPRejected: 0,
        SMTPIgnored: 0,
      },
    });
  });

  // as Mailpit's Kubernetes probes: 200 with an empty body
  app.get('/livez', (c) => c.body(null, 200));
  app.get('/readyz', (c) => c.body(null, 200));

  app.get('/', (c) => inboxPage(c, services));
  app.get('/view/:file', (c) => viewMessage(c, services));

  app.route('/sms', createOutboxApp(services));

  // as Mailpit (and GoTrue): unknown paths get a plain-text 404
  app.notFound((c) => c.text('404 page not found', 404));
  return app;

  async function searchMail(query: string, timeZone: string | undefined) {
    return (await allMail(db)).filter(mailSearch(query, timeZone));
  }
}

const INT64_MAX = (1n << 63n) - 1n;

/** Mailpit's getStartLimit: start >= 0 (default 0), limit >= 0 (default 50), optional `before` date. */
function pageParams(c: Context) {
  const int = (name: string) => {
    const text = c.req.query(name) ?? '';
    if (!/^[+-]?\d+$/.test(text)) return undefined;
    // Go's strconv.Atoi fails past int64, and Mailpit then keeps its default; below that, any
    // count beyond what JavaScript counts exactly lists everything anyway
    const n = BigInt(text);
    if (n > INT64_MAX || n < -INT64_MAX - 1n) return undefined;
    return Math.max(Math.min(Number(n), Number.MAX_SAFE_INTEGER), Number.MIN_SAFE_INTEGER);
  };
  const start = Math.max(0, int('start') ?? 0);
  const requested = int('limit');
  const limit = requested !== undefined && requested > -1 ? requested : 50;
  const beforeMs = parseSearchDate(c.req.query('before') ?? '');
  return { start, limit, before: beforeMs === undefined ? undefined : new Date(beforeMs) };
}

type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

async function jsonBody(c: Context): Promise<Parsed> {
  const text = await c.req.text();
  if (!text.trim()) return { ok: false, error: 'EOF' };
  try {
    return { ok: true, value: parseRequestJson(text) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

/** Go's encoding/json matches field names case-insensitively: {"ids": [...]} fills IDs. */
function field(body: unknown, name: string): unknown {
  if (typeof body !== 'object' || body === null) return undefined;
  const key = Object.keys(body).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : (body as Record<string, unknown>)[key];
}

const stringList = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
