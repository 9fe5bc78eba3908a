import type { Sql } from '../db/storage.js';
import type { MailType } from '../auth/mail-links.js';

/** A captured message as stored in authlab.mail. */
export interface MailRow {
  id: string;
  message_id: string;
  from_name: string;
  from_address: string;
  to_addresses: { Name: string; Address: string }[];
  subject: string;
  text_body: string;
  html_body: string;
  headers: Record<string, string[]>;
  tags: string[];
  read: boolean;
  created_at: Date;
  mail_type: MailType;
  user_id: string | null;
  otp: string | null;
  token_hash: string | null;
  action_url: string | null;
  redirect_to: string | null;
}

/** GoTrue's six mails; the names of its template types. */
export type { MailType };

export type NewMail = Omit<MailRow, 'read' | 'tags'>;

export async function insertMail(sql: Sql, m: NewMail): Promise<void> {
  await sql.query(
    `insert into authlab.mail (id, message_id, from_name, from_address, to_addresses, subject, text_body, html_body,
       headers, created_at, mail_type, user_id, otp, token_hash, action_url, redirect_to)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    [
      m.id, m.message_id, m.from_name, m.from_address, JSON.stringify(m.to_addresses), m.subject, m.text_body, m.html_body,
      JSON.stringify(m.headers), m.created_at, m.mail_type, m.user_id, m.otp, m.token_hash, m.action_url, m.redirect_to,
    ],
  );
}

/** Newest first. */
export const listMail = (sql: Sql, limit = 50, offset = 0) =>
  sql.query<MailRow>('select * from authlab.mail order by created_at desc, id desc limit $1 offset $2', [limit, offset]);

// an id with NUL names no mail (Postgres cannot even compare one): not found, as Mailpit answers
export const findMail = async (sql: Sql, id: string) =>
  id.includes('\u0000') ? undefined : (await sql.query<MailRow>('select * from authlab.mail where id = $1', [id]))[0];

export const latestMail = async (sql: Sql) =>
  (await sql.query<MailRow>('select * from authlab.mail order by created_at desc, id desc limit 1'))[0];

/** Newest message to an address (case-insensitive), if any. */
export const latestMailTo = async (sql: Sql, address: string) =>
  (
    await sql.query<MailRow>(
      `select * from authlab.mail where exists (
         select 1 from jsonb_array_elements(to_addresses) t where lower(t ->> 'Address') = lower($1))
       order by created_at desc, id desc limit 1`,
      [address],
    )
  )[0];

/** Every captured mail, newest first: the mailbox the search grammar runs over. */
export const allMail = (sql: Sql) => sql.query<MailRow>('select * from authlab.mail order by created_at desc, id desc');

/** One page, newest first, optionally only mail captured before an instant; limit null means all. */
export const mailPage = (sql: Sql, page: { limit: number | null; offset: number; before?: Date }) =>
  sql.query<MailRow>(
    `select * from authlab.mail where ($3::timestamptz is null or created_at < $3)
     order by created_at desc, id desc limit $1 offset $2`,
    [page.limit, page.offset, page.before ?? null],
  );

export interface MailStats {
  total: number;
  unread: number;
  /** Every tag in use, sorted. */
  tags: string[];
}

export async function mailStats(sql: Sql): Promise<MailStats> {
  const [row] = await sql.query<{ total: number; unread: number; tags: string[] }>(
    `select count(*)::int as total, (count(*) filter (where not read))::int as unread,
       coalesce((select jsonb_agg(distinct t order by t) from authlab.mail, jsonb_array_elements_text(tags) t), '[]') as tags
     from authlab.mail`,
  );
  return row ?? { total: 0, unread: 0, tags: [] };
}

/** Marks these messages (every message when ids is undefined) read or unread. */
export const setMailRead = (sql: Sql, read: boolean, ids?: string[]) =>
  sql.query(
    `update authlab.mail set read = $1
     where read <> $1 and ($2::jsonb is null or id in (select jsonb_array_elements_text($2::jsonb)))`,
    [read, ids ? JSON.stringify(ids) : null],
  );

/** Deletes these messages, or every message when ids is undefined. */
export const deleteMail = (sql: Sql, ids?: string[]) =>
  sql.query(`delete from authlab.mail where $1::jsonb is null or id in (select jsonb_array_elements_text($1::jsonb))`, [
    ids ? JSON.stringify(ids) : null,
  ]);
