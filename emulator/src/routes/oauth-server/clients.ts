import { z } from 'zod';
import { clientJson, regenerateSecret, registerClient, softDeleteClient, updateClient, type ClientRegistration } from '../../auth/oauth-server/clients.js';
import { findClient, listClients, type OAuthClientRow } from '../../db/oauth-clients.js';
import { isUuid } from '../../http/auth.js';
import type { Ctx } from '../../http/env.js';
import { AuthError, badRequest, forbidden, notFound } from '../../errors.js';
import { str } from '../params.js';
import { readGoJson } from './shared.js';

/** Client management (oauthserver/handlers.go): admins under /admin/oauth/clients, anyone at /oauth/clients/register. */

const list = () => z.array(z.string()).nullish();
const RegisterBody = z.object({
  redirect_uris: list().transform((v) => v ?? []),
  client_type: str(),
  token_endpoint_auth_method: str(),
  grant_types: list().transform((v) => v ?? []),
  client_name: str(),
  client_uri: str(),
  logo_uri: str(),
});

// update fields are pointers in GoTrue: null and absent both mean "leave as is"
const optional = <T extends z.ZodType>(t: T) => t.nullish().transform((v) => v ?? undefined);
const UpdateBody = z.object({
  redirect_uris: optional(z.array(z.string())),
  grant_types: optional(z.array(z.string())),
  client_name: optional(z.string()),
  client_uri: optional(z.string()),
  logo_uri: optional(z.string()),
  token_endpoint_auth_method: optional(z.string()),
});

/**
 * Registration, as both handlers do it. GoTrue wraps the validation error it got, which prints
 * itself with its status: the message reads "400: redirect_uris is required".
 */
async function register(c: Ctx, type: 'dynamic' | 'manual') {
  const s = c.var.services;
  const body: ClientRegistration = await readGoJson(c, RegisterBody, 'Invalid JSON body');
  try {
    const { client, secret } = await registerClient(s.db, s, body, type);
    return c.json(clientJson(client, secret), 201);
  } catch (e) {
    if (e instanceof AuthError && e.status === 400) throw badRequest('validation_failed', `400: ${e.message}`);
    throw e;
  }
}

/** POST /admin/oauth/clients — always a "manual" registration. */
export const adminRegisterClient = (c: Ctx) => register(c, 'manual');

/** POST /oauth/clients/register — RFC 7591 dynamic registration, when allowed. */
export function dynamicRegisterClient(c: Ctx) {
  if (!c.var.services.config.oauthServerAllowDynamicRegistration) {
    throw forbidden('oauth_dynamic_client_registration_disabled', 'Dynamic client registration is not enabled');
  }
  return register(c, 'dynamic');
}

/**
 * GET /admin/oauth/clients — every live client, newest first, unpaginated (GoTrue's TODO). With no
 * clients the list is omitted altogether (omitempty): the body is {}.
 */
export async function adminListClients(c: Ctx) {
  const clients = await listClients(c.var.services.db);
  return c.json(clients.length ? { clients: clients.map((x) => clientJson(x)) } : {});
}

/** LoadOAuthServerClient: the {client_id} of the path, live. */
async function loadClient(c: Ctx): Promise<OAuthClientRow> {
  const id = c.req.param('client_id') ?? '';
  if (id === '') throw badRequest('validation_failed', 'client_id is required');
  if (!isUuid(id)) throw badRequest('validation_failed', 'invalid client_id format');
  const client = await findClient(c.var.services.db, id);
  if (!client) throw notFound('oauth_client_not_found', 'OAuth client not found');
  return client;
}

export async function adminGetClient(c: Ctx) {
  return c.json(clientJson(await loadClient(c)));
}

/** PUT /admin/oauth/clients/{client_id} — only the fields given change. */
export async function adminUpdateClient(c: Ctx) {
  const s = c.var.services;
  const client = await loadClient(c);
  const body = await readGoJson(c, UpdateBody, 'Invalid JSON body');
  if (Object.values(body).every((v) => v === undefined)) throw badRequest('validation_failed', 'No fields provided for update');
  return c.json(clientJson(await updateClient(s.db, s, client, body)));
}

/** DELETE /admin/oauth/clients/{client_id} — a soft delete; the client is gone for every route. */
export async function adminDeleteClient(c: Ctx) {
  const s = c.var.services;
  const client = await loadClient(c);
  await softDeleteClient(s.db, s, client.id);
  return c.body(null, 204);
}

/** POST /admin/oauth/clients/{client_id}/regenerate_secret — confidential clients only; the old secret stops working. */
export async function adminRegenerateSecret(c: Ctx) {
  const s = c.var.services;
  const client = await loadClient(c);
  if (client.client_type !== 'confidential') throw badRequest('validation_failed', 'Cannot regenerate secret for public client');
  const { client: updated, secret } = await regenerateSecret(s.db, s, client.id);
  return c.json(clientJson(updated, secret));
}
