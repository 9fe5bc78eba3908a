import type { MailRow } from './store.js';

/**
 * The RFC 822 source of a captured mail, rebuilt from its stored parts: the bytes Mailpit would
 * have received. One multipart/alternative with a text/plain and a text/html part, both UTF-8 in
 * quoted-printable (as GoTrue's mailer encodes bodies), so every line stays ASCII and under 78.
 */

const CRLF = '\r\n';

export interface Address {
  Name: string;
  Address: string;
}

export interface RawMessage {
  /** The whole message, CRLF line endings. */
  source: string;
  /** Top-level header fields in order, values unfolded: what a parser would read back. */
  headers: Array<[name: string, value: string]>;
}

/** Fields the source states from the row itself, whatever the stored header map says. */
const FROM_ROW = new Set(['from', 'to', 'subject', 'message-id', 'mime-version', 'content-type', 'content-transfer-encoding']);

export function rawMessage(m: MailRow): RawMessage {
  const stored = Object.entries(m.headers ?? {});
  const storedDate = stored.find(([name]) => name.toLowerCase() === 'date')?.[1][0];
  const fields: Array<[string, string]> = [
    ['Date', storedDate ? oneLine(storedDate) : rfc5322Date(m.created_at)],
    ['From', formatAddress({ Name: m.from_name, Address: m.from_address })],
    ['To', m.to_addresses.map(formatAddress).join(', ')],
    ['Subject', encodeHeaderText(m.subject)],
    ['Message-ID', `<${m.message_id}>`],
  ];
  for (const [name, values] of stored) {
    // a name that is not a valid field name would break the source: leave it out
    if (FROM_ROW.has(name.toLowerCase()) || name.toLowerCase() === 'date' || !/^[!-9;-~]+$/.test(name)) continue;
    for (const value of values) fields.push([name, encodeHeaderText(value)]);
  }
  fields.push(['MIME-Version', '1.0']);

  const text = textBody(m);
  let body: string;
  if (m.html_body) {
    // "=_" never occurs in quoted-printable output, so this boundary cannot collide with a body
    const boundary = `=_authlab_${m.id.replace(/[^A-Za-z0-9]/g, '')}`;
    fields.push(['Content-Type', `multipart/alternative; boundary="${boundary}"`]);
    body = [
      `--${boundary}`,
      part('text/plain', text),
      `--${boundary}`,
      part('text/html', m.html_body),
      `--${boundary}--`,
      '',
    ].join(CRLF);
  } else {
    fields.push(['Content-Type', 'text/plain; charset=UTF-8'], ['Content-Transfer-Encoding', 'quoted-printable']);
    body = quotedPrintable(text) + CRLF;
  }
  const head = fields.map(([name, value]) => `${name}: ${value}`).join(CRLF);
  return {
    source: head + CRLF + CRLF + body,
    headers: fields.map(([name, value]) => [name, value.replace(/\r\n[ \t]+/g, ' ')]),
  };
}

const part = (type: string, content: string) =>
  [`Content-Type: ${type}; charset=UTF-8`, 'Content-Transfer-Encoding: quoted-printable', '', quotedPrintable(content)].join(CRLF);

/** The plain-text body: as stored, or (a mail stored with HTML only) the HTML's text. */
export const textBody = (m: Pick<MailRow, 'text_body' | 'html_body'>) => m.text_body || htmlToPlainText(m.html_body);

/** Header fields as Go's net/mail parses them (Mailpit's /headers): canonical names, values in order. */
export function headerMap(raw: RawMessage): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const [name, value] of raw.headers) (map[canonicalHeaderName(name)] ??= []).push(value);
  return map;
}

/** Go's textproto.CanonicalMIMEHeaderKey: "message-id" -> "Message-Id". */
export const canonicalHeaderName = (name: string) =>
  name.toLowerCase().replace(/(^|-)([a-z])/g, (_m, dash: string, ch: string) => dash + ch.toUpperCase());

/** `"Name" <address>`, or the bare address; non-ASCII names as RFC 2047 encoded words. */
export function formatAddress(a: Address): string {
  if (!a.Name) return a.Address;
  const name = isPlainAscii(a.Name) ? `"${oneLine(a.Name).replace(/["\\]/g, '\\$&')}"` : encodeHeaderText(a.Name);
  return `${name} <${a.Address}>`;
}

/**
 * A header value as ASCII: unchanged when it already is, else RFC 2047 base64 encoded words of at
 * most 30 bytes each (52 characters, so even after a field name the line stays under 78), one per
 * continuation line.
 * Line breaks never survive: a subject cannot smuggle in another header.
 */
export function encodeHeaderText(value: string): string {
  const text = oneLine(value);
  if (isPlainAscii(text)) return text;
  const words: string[] = [];
  let chunk = '';
  for (const ch of text) {
    if (utf8.encode(chunk + ch).length > 30) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${base64(utf8.encode(w))}?=`).join(`${CRLF} `);
}

/** RFC 2045 quoted-printable of UTF-8 text: CRLF line breaks, soft breaks keep lines at most 76. */
export function quotedPrintable(text: string): string {
  return text
    .replace(/\r\n|\r/g, '\n')
    .split('\n')
    .map((line) => {
      const bytes = utf8.encode(line);
      let out = '';
      let width = 0;
      bytes.forEach((b, i) => {
        const literal = (b >= 33 && b <= 126 && b !== 61) || ((b === 32 || b === 9) && i < bytes.length - 1);
        const token = literal ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
        if (width + token.length > 75) {
          out += `=${CRLF}`;
          width = 0;
        }
        out += token;
        width += token.length;
      });
      return out;
    })
    .join(CRLF);
}

/** Visible text of an HTML body: tags dropped, entities decoded, one line per block. */
export function htmlToPlainText(markup: string): string {
  return decodeEntities(
    markup
      .replace(/<(head|style|script|title)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
      .replace(/<br\s*\/?>|<\/(p|div|h[1-6]|li|tr|table|blockquote)\s*>/gi, '\n')
      .replace(/<[^>]*>/g, ''),
  )
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** "Mon, 02 Jan 2006 15:04:05 +0000" */
export const rfc5322Date = (d: Date) =>
  `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
  `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;

const utf8 = new TextEncoder();
const isPlainAscii = (s: string) => /^[\x20-\x7e]*$/.test(s);
const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ');
const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
