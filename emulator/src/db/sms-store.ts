import type { Sql } from './storage.js';

export interface SmsRow {
  id: string;
  phone: string;
  body: string;
  channel: string;
  sms_type: string;
  user_id: string | null;
  otp: string | null;
  created_at: Date;
}

export async function insertSms(sql: Sql, m: SmsRow): Promise<void> {
  await sql.query(
    `insert into authlab.sms (id, phone, body, channel, sms_type, user_id, otp, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [m.id, m.phone, m.body, m.channel, m.sms_type, m.user_id, m.otp, m.created_at],
  );
}

/** Newest first; only to one number when given (with or without "+"). */
export const listSms = (sql: Sql, phone?: string, limit = 50) =>
  phone
    ? sql.query<SmsRow>('select * from authlab.sms where phone = $1 order by created_at desc, id desc limit $2', [
        phone.replace(/^\+/, ''),
        limit,
      ])
    : sql.query<SmsRow>('select * from authlab.sms order by created_at desc, id desc limit $1', [limit]);

/** A phone as stored: digits only, so "+1 555 0100", "15550100" and "?phone=+1555..." (a space) match. */
export const normalizePhone = (phone: string) => phone.replace(/\D/g, '');

/** Newest first, only to this number when given (any formatting), at most `limit` when given. */
export const smsPage = (sql: Sql, filter: { phone?: string; limit?: number }) =>
  sql.query<SmsRow>(
    `select * from authlab.sms where ($1::text is null or phone = $1)
     order by created_at desc, id desc limit $2`,
    [filter.phone ? normalizePhone(filter.phone) : null, filter.limit ?? null],
  );

/** Deletes every captured SMS, or only those to this number. */
export const deleteSms = (sql: Sql, phone?: string) =>
  sql.query('delete from authlab.sms where $1::text is null or phone = $1', [phone ? normalizePhone(phone) : null]);
