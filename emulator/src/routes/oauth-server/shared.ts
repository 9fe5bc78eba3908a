import type { MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import type { AppEnv, Ctx } from '../../http/env.js';
import { parseRequestJson } from '../../http/json-text.js';
import { badRequest, notFound } from '../../errors.js';

/**
 * What every route of the OAuth 2.1 server shares. GoTrue only builds its oauthserver when
 * GOTRUE_OAUTH_SERVER_ENABLED is on; every /oauth/* route, the admin client routes and the user's
 * grant routes sit behind requireOAuthServerEnabled.
 */
export const requireOAuthServer: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.var.services.config.oauthServerEnabled) throw notFound('feature_disabled', 'OAuth server is disabled');
  await next();
};

/**
 * A body decoded as these handlers decode theirs (json.NewDecoder into a struct): anything that
 * is not a JSON object of the right field types, an empty body included, is bad_json with the
 * handler's own message.
 */
export async function readGoJson<S extends z.ZodType>(c: Ctx, schema: S, message: string): Promise<z.output<S>> {
  const text = await c.req.text();
  let json: unknown;
  try {
    json = parseRequestJson(text);
  } catch {
    throw badRequest('bad_json', message);
  }
  // a JSON null decodes into the zero struct
  const parsed = schema.safeParse(json ?? {});
  if (!parsed.success) throw badRequest('bad_json', message);
  return parsed.data;
}
