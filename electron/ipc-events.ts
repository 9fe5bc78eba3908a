/**
 * Main -> renderer event names. Apart from ipc.ts so that the preload, which must stay small and
 * self-contained, imports no zod at run time.
 */

/** One parsed auth redirect (a DeepLink). */
export const DEEP_LINK_EVENT = 'deep-link';
