import type { Sql } from './storage.js';

/** auth.oauth_clients (GoTrue's models/oauth_client.go): the OAuth 2.1 server's registered clients, soft-deleted. */

export type ClientType = 'public' | 'confidential';
export type AuthMethod = 'none' | 'client_secret_basic' | 'client_secret_post';

export interface OAuthClientRow {
  id: string;
  client_secret_hash: string | null;
  registration_type: 'dynamic' | 'manual';
  redirect_uris: string;
  grant_types: string;
  client_name: string | null;
  client_uri: string | null;
  logo_uri: string | null;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
  client_type: ClientType;
  token_endpoint_auth_method: AuthMethod;
}

export async function insertClient(
  sql: Sql,
  c: {
    id: string; secretHash: string | null; registrationType: 'dynamic' | 'manual'; redirectUris: string[]; grantTypes: string[];
    name: string | null; uri: string | null; logoUri: string | null; now: Date; clientType: ClientType; authMethod: string;
  },
) {
  const [client] = await sql.query<OAuthClientRow>(
    `insert into auth.oauth_clients (id, client_secret_hash, registration_type, redirect_uris, grant_types, client_name,
       client_uri, logo_uri, created_at, updated_at, client_type, token_endpoint_auth_method)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11) returning *`,
    [
      c.id, c.secretHash, c.registrationType, c.redirectUris.join(','), c.grantTypes.join(','),
      c.name, c.uri, c.logoUri, c.now, c.clientType, c.authMethod,
    ],
  );
  return client!;
}

/** A live (not soft-deleted) client. */
export const findClient = async (sql: Sql, id: string) =>
  (await sql.query<OAuthClientRow>('select * from auth.oauth_clients where id = $1 and deleted_at is null', [id]))[0];

export const listClients = (sql: Sql) =>
  sql.query<OAuthClientRow>('select * from auth.oauth_clients where deleted_at is null order by created_at desc');

/** The given fields only (undefined leaves a column as it is; descriptive fields may be cleared). */
export async function updateClientRow(
  sql: Sql,
  id: string,
  p: { redirectUris?: string[]; grantTypes?: string[]; name?: string; uri?: string; logoUri?: string; authMethod?: string },
  now: Date,
) {
  const [updated] = await sql.query<OAuthClientRow>(
    `update auth.oauth_clients set
       redirect_uris = coalesce($2, redirect_uris), grant_types = coalesce($3, grant_types),
       client_name = case when $4::boolean then $5 else client_name end,
       client_uri = case when $6::boolean then $7 else client_uri end,
       logo_uri = case when $8::boolean then $9 else logo_uri end,
       token_endpoint_auth_method = coalesce($10, token_endpoint_auth_method), updated_at = $11
     where id = $1 returning *`,
    [
      id, p.redirectUris?.join(',') ?? null, p.grantTypes?.join(',') ?? null,
      p.name !== undefined, p.name || null,
      p.uri !== undefined, p.uri || null,
      p.logoUri !== undefined, p.logoUri || null,
      p.authMethod ?? null, now,
    ],
  );
  return updated!;
}

export const softDeleteClientRow = async (sql: Sql, id: string, now: Date) => {
  await sql.query('update auth.oauth_clients set deleted_at = $2, updated_at = $2 where id = $1', [id, now]);
};

export const setClientSecretHash = async (sql: Sql, id: string, hash: string, now: Date) =>
  (await sql.query<OAuthClientRow>('update auth.oauth_clients set client_secret_hash = $2, updated_at = $3 where id = $1 returning *', [id, hash, now]))[0]!;
