import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../src/clock.js';
import { escapeHtml } from '../src/http/html.js';
import { createInboxApp } from '../src/mail/inbox-app.js';
import { serve, useInbox } from './support/inbox.js';

const json = (res: Response) => res.json() as Promise<any>;

describe('Mailpit-compatible inbox API', () => {
  const t = useInbox();
  const get = (path: string) => fetch(`${t.url}${path}`);
  const send = (method: string, path: string, body?: unknown) =>
    fetch(`${t.url}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  const search = async (query: string) => (await json(await get(`/api/v1/search?query=${encodeURIComponent(query)}`))).messages.map((m: any) => m.ID);

  it('lists captured mail newest first in Mailpit’s MessagesSummary shape', async () => {
    await t.mail({ to: 'ada@example.com', subject: 'Confirm Your Signup' });
    await t.mail({ to: 'grace@example.com', subject: 'Your Magic Link', mail_type: 'magic_link' });
    const res = await get('/api/v1/messages');
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({ total: 2, unread: 2, count: 2, messages_count: 2, messages_unread: 2, start: 0, tags: [] });
    expect(body.messages.map((m: any) => m.Subject)).toEqual(['Your Magic Link', 'Confirm Your Signup']);
    expect(body.messages[0]).toEqual({
      ID: 'msg1',
      MessageID: 'm1@authlab.local',
      Read: false,
      From: { Name: 'Supabase Auth', Address: 'admin@email.com' },
      To: [{ Name: '', Address: 'grace@example.com' }],
      Cc: [],
      Bcc: [],
      ReplyTo: [],
      Subject: 'Your Magic Link',
      Created: '2026-01-15T09:00:01.000Z',
      Username: '',
      Tags: [],
      Size: expect.any(Number),
      Attachments: 0,
      Snippet: 'Confirm Your Email Follow this link to confirm your email: Confirm your email address',
    });
    expect(body.messages[0].Size).toBe(new TextEncoder().encode(await (await get('/api/v1/message/msg1/raw')).text()).length);
  });

  it('pages the list with start and limit, and lists everything with limit=0', async () => {
    for (let i = 0; i < 5; i++) await t.mail({ subject: `mail ${i}` });
    const page = await json(await get('/api/v1/messages?start=1&limit=2'));
    expect(page).toMatchObject({ total: 5, count: 2, start: 1 });
    expect(page.messages.map((m: any) => m.Subject)).toEqual(['mail 3', 'mail 2']);
    expect((await json(await get('/api/v1/messages?limit=0'))).messages).toHaveLength(5);
  });

  it('returns the newest mail in full at /api/v1/message/latest, and reading it marks it read', async () => {
    await t.mail({ to: 'old@example.com' });
    await t.mail({ to: 'new@example.com', subject: 'Reset Your Password', mail_type: 'recovery' });
    const res = await get('/api/v1/message/latest');
    expect(res.status).toBe(200);
    const m = await json(res);
    expect(m).toMatchObject({
      ID: 'msg1',
      MessageID: 'm1@authlab.local',
      From: { Name: 'Supabase Auth', Address: 'admin@email.com' },
      To: [{ Name: '', Address: 'new@example.com' }],
      Cc: [],
      Bcc: [],
      ReplyTo: [],
      ReturnPath: 'admin@email.com',
      Subject: 'Reset Your Password',
      ListUnsubscribe: { Header: '', Links: [], Errors: '', HeaderPost: '' },
      Date: '2026-01-15T09:00:01.000Z',
      Tags: [],
      Username: '',
      Inline: [],
      Attachments: [],
    });
    expect(m.HTML).toContain('<a href="http://127.0.0.1:54321/auth/v1/verify?token=abc&amp;type=signup">');
    expect(m.Text).toContain('Follow this link to confirm your email');
    expect(m.Size).toBeGreaterThan(0);
    const list = await json(await get('/api/v1/messages'));
    expect(list.unread).toBe(1);
    expect(list.messages[0].Read).toBe(true);
  });

  it('answers Mailpit’s plain-text 404s for a missing message', async () => {
    const latest = await get('/api/v1/message/latest');
    expect(latest.status).toBe(404);
    expect(await latest.text()).toBe('Message not found');
    for (const path of ['/api/v1/message/nope', '/api/v1/message/nope/raw', '/api/v1/message/nope/headers', '/api/v1/message/nope/auth', '/nowhere']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await res.text()).toBe('404 page not found');
    }
  });

  it('finds the latest mail to an address with to:, in search and in latest?query=', async () => {
    await t.mail({ to: 'ada@example.com', subject: 'first to Ada' });
    await t.mail({ to: 'grace@example.com', subject: 'to Grace' });
    await t.mail({ to: 'Ada@Example.com', subject: 'second to Ada' });
    await t.mail({ to: 'grace@example.com', subject: 'to Grace again' });
    expect(await search('to:ada@example.com')).toEqual(['msg2', 'msg0']);
    const res = await get(`/api/v1/message/latest?query=${encodeURIComponent('to:ada@example.com')}`);
    expect((await json(res)).Subject).toBe('second to Ada');
    const summary = await json(await get('/api/v1/search?query=to:grace@example.com&limit=1'));
    expect(summary).toMatchObject({ total: 4, count: 1, messages_count: 2, messages_unread: 2, start: 0 });
  });

  it('searches subject:, free text, quoted phrases and negated terms', async () => {
    await t.mail({ subject: 'Confirm Your Signup', to: 'ada@example.com' });
    await t.mail({ subject: 'Reset Your Password', to: 'grace@example.com', html_body: '<p>Follow this link to reset the password</p>' });
    await t.mail({ subject: 'Your Magic Link', to: 'linus@example.com', html_body: '<p>Follow this link to login</p>' });
    expect(await search('subject:password')).toEqual(['msg1']);
    expect(await search('subject:"magic link"')).toEqual(['msg2']);
    expect(await search('RESET')).toEqual(['msg1']);
    expect(await search('"to login"')).toEqual(['msg2']);
    expect(await search('grace')).toEqual(['msg1']);
    expect(await search('-subject:password')).toEqual(['msg2', 'msg0']);
    expect(await search('!to:ada@example.com follow')).toEqual(['msg2', 'msg1']);
    expect(await search('from:admin@email.com addressed:linus')).toEqual(['msg2']);
    expect(await search('message-id:m1@authlab')).toEqual(['msg1']);
  });

  it('searches by read state and by date', async () => {
    await t.mail({ subject: 'January 15, 09:00:00' });
    await t.mail({ subject: 'January 15, 09:00:01' });
    await t.mail({ subject: 'January 15, 09:00:02', created_at: new Date('2026-01-20T12:00:00Z') });
    await get('/api/v1/message/msg0');
    expect(await search('is:read')).toEqual(['msg0']);
    expect(await search('is:unread')).toEqual(['msg2', 'msg1']);
    expect(await search('-is:unread')).toEqual(['msg0']);
    expect(await search('after:2026-01-16')).toEqual(['msg2']);
    expect(await search('before:2026-01-16')).toEqual(['msg1', 'msg0']);
    expect(await search('after:2026-01-15T09:00:01Z before:2026-01-16')).toEqual(['msg1']);
    const inAuckland = await json(await get('/api/v1/search?query=before:2026-01-15T22:00:00&tz=Pacific/Auckland'));
    expect(inAuckland.messages.map((m: any) => m.ID)).toEqual(['msg0']);
  });

  it('refuses a search without a query with 400', async () => {
    for (const method of ['GET', 'DELETE']) {
      const res = await send(method, '/api/v1/search?query=%20');
      expect(res.status).toBe(400);
      expect(await res.text()).toBe('Error: no search query');
    }
  });

  it('marks messages read and unread by IDs, by search, or all', async () => {
    await t.mail({ to: 'ada@example.com' });
    await t.mail({ to: 'grace@example.com' });
    await t.mail({ to: 'grace@example.com' });
    const readIds = async () => (await json(await get('/api/v1/messages'))).messages.filter((m: any) => m.Read).map((m: any) => m.ID);

    const ok = await send('PUT', '/api/v1/messages', { IDs: ['msg0'], Read: true });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('ok');
    expect(await readIds()).toEqual(['msg0']);
    await send('PUT', '/api/v1/messages', { Search: 'to:grace', Read: true });
    expect(await readIds()).toEqual(['msg2', 'msg1', 'msg0']);
    await send('PUT', '/api/v1/messages', { Read: false });
    expect(await readIds()).toEqual([]);
    // Go's JSON decoding matches field names case-insensitively
    await send('PUT', '/api/v1/messages', { ids: ['msg1'], read: true });
    expect(await readIds()).toEqual(['msg1']);

    const both = await send('PUT', '/api/v1/messages', { IDs: ['msg0'], Search: 'ada', Read: true });
    expect(both.status).toBe(400);
    expect(await both.text()).toBe('You may specify either IDs or a search query, not both');
  });

  it('deletes messages by IDs, and every message when no IDs are given', async () => {
    for (let i = 0; i < 4; i++) await t.mail();
    expect(await (await send('DELETE', '/api/v1/messages', { IDs: ['msg1', 'msg3'] })).text()).toBe('ok');
    expect((await json(await get('/api/v1/messages'))).messages.map((m: any) => m.ID)).toEqual(['msg2', 'msg0']);
    await send('DELETE', '/api/v1/messages', { IDs: [] });
    expect((await json(await get('/api/v1/messages'))).total).toBe(0);

    await t.mail();
    const noBody = await fetch(`${t.url}/api/v1/messages`, { method: 'DELETE' });
    expect(noBody.status).toBe(200);
    expect((await json(await get('/api/v1/messages'))).total).toBe(0);
  });

  it('deletes only the messages a search matches', async () => {
    await t.mail({ to: 'ada@example.com' });
    await t.mail({ to: 'grace@example.com' });
    await t.mail({ to: 'ada@example.com' });
    const res = await send('DELETE', `/api/v1/search?query=${encodeURIComponent('to:ada@example.com')}`);
    expect(await res.text()).toBe('ok');
    expect((await json(await get('/api/v1/messages'))).messages.map((m: any) => m.ID)).toEqual(['msg1']);
  });

  it('serves the raw source as valid RFC 822 with a text and an HTML part', async () => {
    const subject = 'Bestätige deine E-Mail-Adresse für authlab — ein ziemlich langer Betreff ✉';
    const longLink = `http://127.0.0.1:54321/auth/v1/verify?token=${'a'.repeat(120)}&type=signup&redirect_to=http://localhost:3000`;
    const mail = await t.mail({
      subject,
      from_name: 'Ünïcode Sender',
      text_body: `Grüße!\nOpen ${longLink}\n`,
      html_body: `<p>Grüße!</p>\n<p><a href="${longLink}">Confirm</a> = done</p>`,
      // what the mailer stores: its own single-part Content-Type must not leak into the rebuilt source
      headers: { 'Message-Id': ['<ignored@x>'], 'Content-Type': ['text/html; charset=UTF-8'], Date: ['Thu, 15 Jan 2026 09:00:00 GMT'], 'X-Authlab-Type': ['confirmation'] },
    });
    const res = await get(`/api/v1/message/${mail.id}/raw`);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const source = await res.text();

    expect(source).not.toMatch(/[^\r]\n/); // CRLF only
    for (const line of source.split('\r\n')) {
      expect(line.length).toBeLessThanOrEqual(78);
      expect(line).toMatch(/^[\x20-\x7e\t]*$/);
    }
    const [head, ...rest] = source.split('\r\n\r\n');
    const headers = parseHeaders(head!);
    expect(headers['mime-version']).toBe('1.0');
    expect(headers['date']).toBe('Thu, 15 Jan 2026 09:00:00 GMT');
    expect(headers['message-id']).toBe(`<${mail.message_id}>`);
    expect(headers['x-authlab-type']).toBe('confirmation');
    expect(headers['to']).toBe('ada@example.com');
    expect(decodeWords(headers['subject']!)).toBe(subject);
    expect(decodeWords(headers['from']!)).toBe('Ünïcode Sender <admin@email.com>');
    const boundary = /^multipart\/alternative; boundary="([^"]+)"$/.exec(headers['content-type']!)?.[1];
    expect(boundary).toBeDefined();

    const body = rest.join('\r\n\r\n');
    const parts = body.split(`--${boundary}`);
    expect(parts.at(-1)).toBe('--\r\n');
    const [text, html] = parts.slice(1, -1).map((part) => {
      const [partHead, ...partBody] = part.replace(/^\r\n/, '').replace(/\r\n$/, '').split('\r\n\r\n');
      const h = parseHeaders(partHead!);
      expect(h['content-transfer-encoding']).toBe('quoted-printable');
      return { type: h['content-type'], content: decodeQuotedPrintable(partBody.join('\r\n\r\n')) };
    });
    expect(text).toEqual({ type: 'text/plain; charset=UTF-8', content: mail.text_body.replace(/\n/g, '\r\n') });
    expect(html).toEqual({ type: 'text/html; charset=UTF-8', content: mail.html_body.replace(/\n/g, '\r\n') });
  });

  it('serves the headers as Go’s net/mail reads them', async () => {
    await t.mail({ headers: { 'X-Custom': ['one', 'two'] } });
    const res = await get('/api/v1/message/latest/headers');
    expect(res.status).toBe(200);
    const headers = await json(res);
    expect(headers).toMatchObject({
      'Message-Id': ['<m0@authlab.local>'],
      From: ['"Supabase Auth" <admin@email.com>'],
      To: ['ada@example.com'],
      Subject: ['Confirm Your Signup'],
      'Mime-Version': ['1.0'],
      'X-Custom': ['one', 'two'],
      Date: ['Thu, 15 Jan 2026 09:00:00 +0000'],
    });
    expect(headers['Content-Type'][0]).toMatch(/^multipart\/alternative; boundary=/);
  });

  it('gives the OTP and action link of a mail at /auth (an authlab extra)', async () => {
    await t.mail({ to: 'ada@example.com', otp: '111111', user_id: '8b9f8f0e-7c1a-4f5e-9a51-2f0e4a1d3c10' });
    await t.mail({ to: 'grace@example.com', otp: '222222', mail_type: 'reauthentication', action_url: null, token_hash: null, redirect_to: null });
    expect(await json(await get('/api/v1/message/latest/auth?query=to:ada@example.com'))).toEqual({
      Type: 'confirmation',
      OTP: '111111',
      TokenHash: 'abc',
      ActionURL: 'http://127.0.0.1:54321/auth/v1/verify?token=abc&type=signup',
      RedirectTo: 'http://localhost:3000',
      UserID: '8b9f8f0e-7c1a-4f5e-9a51-2f0e4a1d3c10',
    });
    expect(await json(await get('/api/v1/message/latest/auth'))).toEqual({
      Type: 'reauthentication', OTP: '222222', TokenHash: '', ActionURL: '', RedirectTo: '', UserID: '',
    });
    // the extra does not count as reading the mail
    expect((await json(await get('/api/v1/messages'))).unread).toBe(2);
  });

  it('answers /api/v1/info, /livez and /readyz', async () => {
    await t.mail();
    await t.mail();
    await get('/api/v1/message/msg0');
    const info = await json(await get('/api/v1/info'));
    expect(info).toMatchObject({ Messages: 2, Unread: 1, Tags: {} });
    expect(info.Version).toContain('authlab');
    for (const probe of ['/livez', '/readyz']) expect((await get(probe)).status).toBe(200);
  });
});

describe('inbox page', () => {
  const t = useInbox();
  const evil = `<img src=x onerror=alert(1)>"'&<script>alert(2)</script>`;

  it('lists mail with every captured string escaped, under a nonce-only CSP', async () => {
    await t.mail({ subject: evil, to: `x"><script>alert(3)</script>@example.com` });
    const res = await fetch(`${t.url}/`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain(escapeHtml(evil));
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain('<script>alert');
    expect(page).toContain('&quot;&gt;&lt;script&gt;alert(3)');

    const csp = res.headers.get('content-security-policy')!;
    const scriptNonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(scriptNonce).toBeDefined();
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    // every script on the page carries this response's nonce, and the next response gets another
    expect(page.match(/<script\b[^>]*>/g)).toEqual([`<script nonce="${scriptNonce}">`]);
    const again = (await fetch(`${t.url}/`)).headers.get('content-security-policy');
    expect(again).not.toBe(csp);
  });

  it('shows an opened mail in a sandboxed iframe with its OTP and action link, and marks it read', async () => {
    const m = await t.mail({ html_body: `<p>${evil}</p><a href="http://localhost:3000/welcome">Go</a>` });
    const page = await (await fetch(`${t.url}/?id=${m.id}`)).text();
    const iframe = /<iframe [^>]*>/.exec(page)![0];
    expect(iframe).toContain('sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation"');
    expect(iframe).not.toContain('allow-scripts');
    // the mail's markup only ever appears escaped, inside srcdoc
    const srcdoc = /srcdoc="([^"]*)"/.exec(iframe)![1]!;
    expect(srcdoc).toContain('&lt;base target=&quot;_blank&quot;&gt;');
    expect(srcdoc).toContain('&lt;a href=&quot;http://localhost:3000/welcome&quot;&gt;Go&lt;/a&gt;');
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('<span class="otp">123456</span><button data-copy="123456">Copy</button>');
    expect(page).toContain(`<a href="${escapeHtml(m.action_url!)}" target="_blank" rel="noopener noreferrer">`);
    expect((await (await fetch(`${t.url}/api/v1/messages`)).json()).unread).toBe(0);
  });

  it('refreshes with the page body only, without marking the open mail read again', async () => {
    const m = await t.mail();
    await fetch(`${t.url}/?id=${m.id}`);
    await fetch(`${t.url}/api/v1/messages`, { method: 'PUT', body: JSON.stringify({ IDs: [m.id], Read: false }) });
    const live = await (await fetch(`${t.url}/?id=${m.id}`, { headers: { 'x-authlab-live': '1' } })).text();
    expect(live).not.toContain('<style');
    expect(live).toContain('id="list"');
    expect((await (await fetch(`${t.url}/api/v1/messages`)).json()).unread).toBe(1);
  });

  it('serves one mail’s HTML at /view/{ID}.html with scripts off, and /view/latest redirects to the newest', async () => {
    await t.mail();
    const m = await t.mail({ html_body: '<h1>Newest</h1>' });
    const res = await fetch(`${t.url}/view/latest`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/view/${m.id}.html`);
    const view = await fetch(`${t.url}/view/${m.id}.html`);
    expect(await view.text()).toBe('<h1>Newest</h1>');
    const csp = view.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('sandbox allow-popups');
    expect((await fetch(`${t.url}/view/nope.html`)).status).toBe(404);
  });

  it('serves API, page links and the SMS outbox under the prefix', async () => {
    const { db, clock } = t.emulator;
    const parent = new Hono();
    parent.route('/_inbox', createInboxApp({ db, clock, random: createRandom() }));
    const server = await serve(parent.fetch);
    try {
      await t.mail();
      await t.sms();
      expect((await (await fetch(`${server.url}/_inbox/api/v1/messages`)).json()).total).toBe(1);
      expect((await (await fetch(`${server.url}/_inbox/sms/api/v1/sms`)).json())).toHaveLength(1);
      const page = await (await fetch(`${server.url}/_inbox`)).text();
      expect(page).toContain('<a href="/_inbox/sms">SMS</a>');
      expect(page).toContain('data-delete="/_inbox/api/v1/messages"');
      expect(page).toContain('href="/_inbox?id=msg0"');
      const sms = await (await fetch(`${server.url}/_inbox/sms`)).text();
      expect(sms).toContain('<a href="/_inbox">Mail</a>');
      expect(sms).toContain('data-delete="/_inbox/sms/api/v1/sms"');
      const latest = await fetch(`${server.url}/_inbox/view/latest`, { redirect: 'manual' });
      expect(latest.headers.get('location')).toBe('/_inbox/view/msg0.html');
    } finally {
      await server.close();
    }
  });
});

/** Header fields of a header block, unfolded, names lower-cased. */
function parseHeaders(block: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of block.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    expect(colon, line).toBeGreaterThan(0);
    out[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return out;
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?B\?([^?]*)\?=/g, (_m, b64: string) => `\u0000${b64}\u0000`)
    .split('\u0000')
    .map((chunk, i) => (i % 2 === 1 ? Buffer.from(chunk, 'base64') : Buffer.from(chunk)))
    .reduce((acc, b) => Buffer.concat([acc, b]), Buffer.alloc(0))
    .toString('utf8');
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const unfolded = text.replace(/=\r\n/g, '');
  for (let i = 0; i < unfolded.length; i++) {
    if (unfolded[i] === '=') {
      bytes.push(parseInt(unfolded.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(unfolded.charCodeAt(i));
  }
  return Buffer.from(bytes).toString('utf8');
}
