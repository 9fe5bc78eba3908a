import { headerMap, htmlToPlainText, rawMessage, textBody, type Address } from './mime.js';
import type { MailRow } from './store.js';

/**
 * Mailpit's JSON shapes (internal/storage/structs.go). Go serialises struct fields under their own
 * names, so these are PascalCase; lists are always arrays, never null.
 */
export interface MessageSummary {
  ID: string;
  MessageID: string;
  Read: boolean;
  From: Address;
  To: Address[];
  Cc: Address[];
  Bcc: Address[];
  ReplyTo: Address[];
  Subject: string;
  /** RFC 3339, when the mail was captured. */
  Created: string;
  Username: string;
  Tags: string[];
  /** Bytes of the raw source. */
  Size: number;
  Attachments: number;
  Snippet: string;
}

export interface Message {
  ID: string;
  MessageID: string;
  From: Address;
  To: Address[];
  Cc: Address[];
  Bcc: Address[];
  ReplyTo: Address[];
  ReturnPath: string;
  Subject: string;
  ListUnsubscribe: { Header: string; Links: string[]; Errors: string; HeaderPost: string };
  /** RFC 3339, from the Date header (the capture time when it has none). */
  Date: string;
  Tags: string[];
  Username: string;
  Text: string;
  HTML: string;
  Size: number;
  Inline: never[];
  Attachments: never[];
}

/** authlab extra: what GoTrue put in the mail, so tests need not scrape it out of the body. */
export interface MailAuthDetails {
  Type: string;
  OTP: string;
  TokenHash: string;
  ActionURL: string;
  RedirectTo: string;
  UserID: string;
}

/** The list envelope of GET /api/v1/messages and /api/v1/search. */
export interface MessagesSummary {
  total: number;
  unread: number;
  /** Legacy: the number of messages in this page. */
  count: number;
  messages_count: number;
  messages_unread: number;
  start: number;
  tags: string[];
  messages: MessageSummary[];
}

const from = (m: MailRow): Address => ({ Name: m.from_name, Address: m.from_address });

export function toSummary(m: MailRow): MessageSummary {
  return {
    ID: m.id,
    MessageID: m.message_id,
    Read: m.read,
    From: from(m),
    To: m.to_addresses,
    Cc: [],
    Bcc: [],
    ReplyTo: [],
    Subject: m.subject,
    Created: m.created_at.toISOString(),
    Username: '',
    Tags: m.tags,
    Size: sizeOf(m),
    Attachments: 0,
    Snippet: snippet(m),
  };
}

export function toMessage(m: MailRow): Message {
  const date = new Date(headerValue(m, 'date') ?? Number.NaN);
  return {
    ID: m.id,
    MessageID: m.message_id,
    From: from(m),
    To: m.to_addresses,
    Cc: [],
    Bcc: [],
    ReplyTo: [],
    // as Mailpit: the Return-Path header without brackets, else the sender's address
    ReturnPath: headerValue(m, 'return-path')?.replace(/^<|>$/g, '') || m.from_address,
    Subject: m.subject,
    ListUnsubscribe: { Header: '', Links: [], Errors: '', HeaderPost: '' },
    Date: (Number.isNaN(date.getTime()) ? m.created_at : date).toISOString(),
    Tags: m.tags,
    Username: '',
    Text: textBody(m),
    HTML: m.html_body,
    Size: sizeOf(m),
    Inline: [],
    Attachments: [],
  };
}

export function toAuthDetails(m: MailRow): MailAuthDetails {
  return {
    Type: m.mail_type,
    OTP: m.otp ?? '',
    TokenHash: m.token_hash ?? '',
    ActionURL: m.action_url ?? '',
    RedirectTo: m.redirect_to ?? '',
    UserID: m.user_id ?? '',
  };
}

export const toHeaders = (m: MailRow) => headerMap(rawMessage(m));

export const sizeOf = (m: MailRow) => new TextEncoder().encode(rawMessage(m).source).length;

const headerValue = (m: MailRow, name: string) =>
  Object.entries(m.headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1][0];

/** As Mailpit's CreateSnippet: the text of the HTML part (else the text part), 200 characters at most. */
export function snippet(m: Pick<MailRow, 'text_body' | 'html_body'>): string {
  const text = (m.html_body ? htmlToPlainText(m.html_body) : m.text_body).replace(/\s+/g, ' ').trim();
  return text.length <= 200 ? text : `${text.slice(0, 200)}...`;
}
