import { z } from 'zod';

/** A string field as Go decodes it: absent or null become "". */
export const str = () =>
  z
    .string()
    .nullish()
    .transform((v) => v ?? '');

/** A JSON object field (user_metadata and friends); absent or null become undefined. */
export const obj = () =>
  z
    .record(z.string(), z.unknown())
    .nullish()
    .transform((v) => v ?? undefined);

/** PKCE parameters, accepted wherever GoTrue accepts them. */
export const pkceFields = {
  code_challenge: str(),
  code_challenge_method: str(),
};
