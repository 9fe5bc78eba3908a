/**
 * The Supabase CLI's well-known local anon key, which authlab also issues with its default JWT
 * secret. Hard-coded rather than fetched: the explorer must work before it can reach anything.
 */
export const LOCAL_ANON_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';

const STORAGE_KEY = 'authlab.connection';

export interface Connection {
  /** The project URL given to createClient (supabase-js appends /auth/v1 itself). */
  url: string;
  key: string;
  /** Which setting won, so the panel can explain why a saved value is not in use; 'desktop': the shell chose. */
  source: 'query' | 'saved' | 'default' | 'desktop';
}

type Saved = Pick<Connection, 'url' | 'key'>;

function readSaved(storage: Storage): Partial<Saved> {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(STORAGE_KEY) ?? '{}');
    if (!parsed || typeof parsed !== 'object') return {};
    const { url, key } = parsed as Record<string, unknown>;
    return { ...(typeof url === 'string' && { url }), ...(typeof key === 'string' && { key }) };
  } catch {
    return {};
  }
}

/**
 * ?url=&key= beat the saved panel values, which beat the defaults: the page's own origin (the
 * emulator serves this build under /_/ on its own port) and the local anon key.
 */
export function resolveConnection(location: Location = window.location, storage: Storage = window.localStorage): Connection {
  const params = new URLSearchParams(location.search);
  const saved = readSaved(storage);
  const queryUrl = params.get('url');
  const queryKey = params.get('key');
  const source = queryUrl || queryKey ? 'query' : saved.url || saved.key ? 'saved' : 'default';
  return {
    url: queryUrl || saved.url || location.origin,
    key: queryKey || saved.key || LOCAL_ANON_KEY,
    source,
  };
}

export function saveConnection(value: Saved, storage: Storage = window.localStorage): void {
  storage.setItem(STORAGE_KEY, JSON.stringify(value));
}

export function forgetConnection(storage: Storage = window.localStorage): void {
  storage.removeItem(STORAGE_KEY);
}

/**
 * True when the URL names this machine (127.0.0.0/8, ::1, localhost). The explorer holds the local
 * stack's service role key; it only ever sends it to such an address.
 */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}
