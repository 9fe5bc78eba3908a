import type { z } from 'zod';
import { badRequest } from '../errors.js';
import type { RequestInfo } from '../services.js';
import type { Ctx } from './env.js';
import { parseRequestJson } from './json-text.js';

/** Reads the JSON body (an empty body counts as {}) with GoTrue's messages; limitBody bounded its size. */
export async function readJson(c: Ctx): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  try {
    return parseRequestJson(text);
  } catch (e) {
    throw badRequest('bad_json', `Could not parse request body as JSON: ${(e as Error).message}`);
  }
}

/**
 * Reads and validates the body. Type mismatches are bad_json, as Go's JSON decoder reports them
 * ("cannot unmarshal number into ... email of type string"); the message names the field.
 */
export async function readBody<S extends z.ZodType>(c: Ctx, schema: S): Promise<z.output<S>> {
  const json = await readJson(c);
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw badRequest('bad_json', 'Could not parse request body as JSON: expected a JSON object');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || 'body';
    throw badRequest('bad_json', `Could not parse request body as JSON: ${field}: ${issue.message}`);
  }
  return parsed.data;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
function isIpv6(value: string): boolean {
  if (!value.includes(':')) return false;
  try {
    new URL(`http://[${value}]/`);
    return true;
  } catch {
    return false;
  }
}

/** Caller address and agent, for sessions and the audit log. Unparseable addresses are dropped. */
export function requestInfo(c: Ctx): RequestInfo {
  const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim() ?? c.req.header('x-real-ip') ?? '';
  const ip = IPV4.test(forwarded) || isIpv6(forwarded) ? forwarded : '';
  return { ip, userAgent: c.req.header('user-agent') ?? '' };
}
