/** What a step ended with, in the terms a developer debugging GoTrue cares about. */
export type Outcome =
  | { ok: true; data: unknown }
  | {
      ok: false;
      code?: string;
      status?: number;
      message: string;
      name: string;
      /** Why a request got no response, when one did not. */
      hint?: string;
      /** supabase-js raised it without sending anything (its status is not an HTTP answer). */
      local?: boolean;
    };

function fromError(error: unknown): Outcome {
  if (error && typeof error === 'object') {
    const e = error as { code?: unknown; status?: unknown; message?: unknown; name?: unknown };
    return {
      ok: false,
      ...(typeof e.code === 'string' && { code: e.code }),
      ...(typeof e.status === 'number' && { status: e.status }),
      message: typeof e.message === 'string' ? e.message : String(error),
      name: typeof e.name === 'string' ? e.name : 'Error',
    };
  }
  return { ok: false, message: String(error), name: 'Error' };
}

/**
 * supabase-js answers `{ data, error }` instead of throwing; steps may also return plain values
 * or throw (a bad metadata JSON, say). All three end up as one Outcome.
 */
export async function settle(action: () => Promise<unknown>): Promise<Outcome> {
  try {
    const result = await action();
    if (result && typeof result === 'object' && 'error' in result) {
      const { data, error } = result as { data?: unknown; error: unknown };
      return error ? fromError(error) : { ok: true, data: data ?? null };
    }
    return { ok: true, data: result ?? null };
  } catch (error) {
    return fromError(error);
  }
}
