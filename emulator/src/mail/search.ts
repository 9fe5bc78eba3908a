import { htmlToPlainText } from './mime.js';
import { sizeOf } from './message.js';
import type { MailRow } from './store.js';

/**
 * Mailpit's search grammar (internal/storage/search.go), applied to rows in memory: an emulator's
 * mailbox is small, and several terms (size:, the text of the HTML part) are defined on the
 * rendered message, which SQL over our columns cannot see. Every term must match (AND).
 *
 *   free text, "quoted phrases"        From, To, Subject and body text, case-insensitive
 *   to: from: cc: bcc: reply-to:       substring of that address field (names and addresses)
 *   addressed:                         any of the above
 *   subject: message-id: tag:          substring; tag: is an exact tag name
 *   is:read is:unread is:tagged        read state, has any tag
 *   has:attachment(s) has:inline(s)    never true: captured auth mail has no parts beyond text/html
 *   after: before:                     capture time, inclusive; dates without a zone are read in ?tz=
 *   larger: smaller:                   raw size: 10k, 1.5mb, 2048
 *   a leading - or !                   negates the term
 */
export type MailPredicate = (m: MailRow) => boolean;

/** Splits on spaces outside double quotes and drops the quotes, as Mailpit's ArgsParser. */
export function searchTerms(query: string): string[] {
  const terms: string[] = [];
  let current = '';
  let quoted = false;
  const flush = () => {
    const term = current.replaceAll('"', '').trim();
    if (term) terms.push(term);
    current = '';
  };
  for (const ch of query) {
    if (ch === '"') quoted = !quoted;
    if (ch === ' ' && !quoted) flush();
    else current += ch;
  }
  flush();
  return terms;
}

/** Mailpit's cleanString: punctuation that separates words becomes space, lower case, single spaces. */
export const cleanString = (s: string) =>
  s
    .replaceAll('\uFEFF', ' ')
    .replace(/\r?\n|\t|[<>",;()]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .join(' ')
    .toLowerCase();

export function mailSearch(query: string, timeZone?: string): MailPredicate {
  const checks: MailPredicate[] = [];
  for (const raw of searchTerms(query)) {
    if (cleanString(raw) === '') continue;
    const exclude = raw.length > 1 && (raw[0] === '-' || raw[0] === '!');
    const term = exclude ? raw.slice(1) : raw;
    const check = termCheck(term, timeZone);
    if (check) checks.push(exclude ? (m) => !check(m) : check);
  }
  return (m) => checks.every((check) => check(m));
}

const NEVER: MailPredicate = () => false;
const contains = (haystack: string, needle: string) => haystack.toLowerCase().includes(needle.toLowerCase());

/** Address fields as Mailpit matches them: their JSON (`{"Name":"","Address":"..."}`), or `{}` when empty. */
const toJson = (m: MailRow) => JSON.stringify(m.to_addresses);
const fromJson = (m: MailRow) => JSON.stringify({ Name: m.from_name, Address: m.from_address });

function termCheck(term: string, timeZone: string | undefined): MailPredicate | undefined {
  const lower = term.toLowerCase();
  const value = (prefix: string) => cleanString(term.slice(prefix.length));
  const field = (prefix: string, of: (m: MailRow) => string): MailPredicate | undefined => {
    const v = value(prefix);
    return v ? (m) => contains(of(m), v) : undefined;
  };

  if (lower.startsWith('to:')) return field('to:', toJson);
  if (lower.startsWith('from:')) return field('from:', fromJson);
  // authlab's mail has no Cc, Bcc or Reply-To: Mailpit compares against "{}"
  if (lower.startsWith('cc:')) return field('cc:', () => '{}');
  if (lower.startsWith('bcc:')) return field('bcc:', () => '{}');
  if (lower.startsWith('reply-to:')) return field('reply-to:', () => '{}');
  if (lower.startsWith('addressed:')) return field('addressed:', (m) => `${toJson(m)} ${fromJson(m)}`);
  if (lower.startsWith('subject:')) {
    // as Mailpit: the subject term is matched as typed, not cleaned
    const v = term.slice('subject:'.length);
    return v ? (m) => contains(m.subject, v) : undefined;
  }
  if (lower.startsWith('message-id:')) return field('message-id:', (m) => m.message_id);
  if (lower.startsWith('tag:')) {
    const v = value('tag:');
    return v ? (m) => m.tags.includes(v) : undefined;
  }
  if (lower === 'is:read') return (m) => m.read;
  if (lower === 'is:unread') return (m) => !m.read;
  if (lower === 'is:tagged') return (m) => m.tags.length > 0;
  if (['has:attachment', 'has:attachments', 'has:inline', 'has:inlines'].includes(lower)) return NEVER;
  if (lower.startsWith('after:') || lower.startsWith('before:')) {
    const after = lower.startsWith('after:');
    const instant = parseSearchDate(value(after ? 'after:' : 'before:').toUpperCase(), timeZone);
    // as Mailpit: an unreadable date is ignored, not an error
    if (instant === undefined) return undefined;
    return after ? (m) => m.created_at.getTime() >= instant : (m) => m.created_at.getTime() <= instant;
  }
  for (const [prefix, larger] of [['larger:', true], ['smaller:', false]] as const) {
    const bytes = lower.startsWith(prefix) ? sizeToBytes(value(prefix)) : 0;
    if (bytes > 0) return larger ? (m) => sizeOf(m) > bytes : (m) => sizeOf(m) < bytes;
  }
  const text = cleanString(term);
  return (m) => searchText(m).includes(text);
}

/** What free text is matched against, as Mailpit's createSearchText. */
function searchText(m: MailRow): string {
  const addresses = (list: { Name: string; Address: string }[]) =>
    list.map((a) => (a.Name ? `${a.Name} <${a.Address}>` : a.Address)).join(', ');
  const from = addresses([{ Name: m.from_name, Address: m.from_address }]);
  const body = m.html_body ? htmlToPlainText(m.html_body) : m.text_body;
  return cleanString(`${from} ${m.subject} ${addresses(m.to_addresses)} ${body}`);
}

/** "10k", "1.5MB", "2048" -> bytes; 0 when unreadable. */
export function sizeToBytes(v: string): number {
  const match = /^(\d+(?:\.\d+)?)\s?([a-z]{1,2})?$/.exec(v.toLowerCase());
  if (!match) return 0;
  const n = Number(match[1]);
  const unit = match[2] ?? '';
  if (unit === '') return Math.floor(n);
  if (unit === 'k' || unit === 'kb') return Math.floor(n * 1024);
  if (unit === 'm' || unit === 'mb') return Math.floor(n * 1024 * 1024);
  return 0;
}

/**
 * The date forms people type into a search box: 2024-05-01, 2024/05/01, 05/01/2024 (US order, as
 * Go's dateparse), each with an optional time and zone; anything else Date.parse reads. Without a
 * zone the wall time is read in `timeZone` (an IANA name), else in the server's local zone.
 */
export function parseSearchDate(text: string, timeZone?: string): number | undefined {
  if (!text) return undefined;
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (iso || us) {
    const [y, mo, d] = iso ? [iso[1], iso[2], iso[3]] : [us![3], us![1], us![2]];
    const h = Number(iso?.[4] ?? 0);
    const mi = Number(iso?.[5] ?? 0);
    const s = Number(iso?.[6] ?? 0);
    const ms = Number((iso?.[7] ?? '0').padEnd(3, '0').slice(0, 3));
    const zone = iso?.[8];
    if (zone) {
      const offset = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
      return Date.UTC(Number(y), Number(mo) - 1, Number(d), h, mi, s, ms) - offset * 60_000;
    }
    return wallTime([Number(y), Number(mo), Number(d), h, mi, s, ms], timeZone);
  }
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? undefined : parsed;
}

type Fields = [year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number];

/** The instant a wall-clock time names in an IANA zone (the local zone when none or unknown). */
function wallTime([y, mo, d, h, mi, s, ms]: Fields, timeZone: string | undefined): number {
  const local = new Date(y, mo - 1, d, h, mi, s, ms).getTime();
  if (!timeZone) return local;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
  } catch {
    return local; // as Mailpit: an unknown ?tz= falls back to the server's zone
  }
  const offsetAt = (t: number) => {
    const parts = Object.fromEntries(format.formatToParts(new Date(t)).map((p) => [p.type, Number(p.value)]));
    const seen = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
    return seen - (t - (((t % 1000) + 1000) % 1000));
  };
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const first = asUtc - offsetAt(asUtc);
  return asUtc - offsetAt(first);
}
