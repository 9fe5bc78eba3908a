/**
 * authlab's own tables (schema `authlab`, never GoTrue's): the mail and SMS GoTrue would have sent,
 * captured instead. The mail columns follow Mailpit's message model, which the inbox API serves.
 */
export default /* sql */ `
create schema if not exists authlab;

create table authlab.mail (
  id text primary key,                 -- Mailpit-style message ID
  message_id text not null,            -- the Message-ID header, without angle brackets
  from_name text not null default '',
  from_address text not null,
  to_addresses jsonb not null,         -- [{"Name": "", "Address": "..."}]
  subject text not null,
  text_body text not null,
  html_body text not null,
  headers jsonb not null,              -- {"Header-Name": ["value", ...]}
  tags jsonb not null default '[]',
  read boolean not null default false,
  created_at timestamptz not null,
  -- what GoTrue sent it for, so tests and the explorer need not parse bodies
  mail_type text not null,             -- confirmation, invite, magic_link, recovery, email_change, reauthentication
  user_id uuid,
  otp text,
  token_hash text,
  action_url text,
  redirect_to text
);
create index mail_created_at_idx on authlab.mail (created_at desc);
create index mail_to_idx on authlab.mail using gin (to_addresses jsonb_path_ops);

create table authlab.sms (
  id text primary key,
  phone text not null,                 -- E.164 digits without "+", as GoTrue stores phones
  body text not null,
  channel text not null default 'sms', -- sms or whatsapp
  sms_type text not null,              -- sms (sign-in/sign-up), phone_change, reauthentication, mfa
  user_id uuid,
  otp text,
  created_at timestamptz not null
);
create index sms_phone_created_at_idx on authlab.sms (phone, created_at desc);
`;
