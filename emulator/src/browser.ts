import type { Emulator, EmulatorOptions } from './index.js';

/**
 * The whole emulator inside a web page: PGlite in WebAssembly, started from the prebuilt database
 * template (no initdb in the browser), in memory or persisted in IndexedDB. Pair it with MSW:
 *
 *   const emulator = await createBrowserEmulator({ templateUrl: '/authlab-template.tar.gz' });
 *   await setupWorker(...authlabHandlers(emulator)).start();
 *   createClient('http://127.0.0.1:54321', emulator.keys.anon)   // no server anywhere
 */
export interface BrowserEmulatorOptions extends Omit<EmulatorOptions, 'dataDir' | 'storage' | 'workdir'> {
  /** URL of the template tarball (`.cache/pg-template-*.tar.gz`, built by npm install). */
  templateUrl: string;
  /** e.g. "idb://authlab" to keep users across page loads; in memory when absent. */
  dataDir?: string;
  /**
   * Where your bundler put PGlite's `pglite.wasm` and `pglite.data` (with Vite:
   * `import wasmUrl from '@electric-sql/pglite/pglite.wasm?url'`). Given, they download and
   * compile while the template downloads, instead of after it: about a second less to boot.
   */
  pgliteAssets?: { wasmUrl: string; dataUrl: string };
}

export async function createBrowserEmulator(options: BrowserEmulatorOptions): Promise<Emulator> {
  const { pgliteAssets, dataDir } = options;
  // a database IndexedDB kept from an earlier visit is resumed; the template only seeds a new one
  const kept = dataDir ? await keptInIndexedDb(dataDir) : false;
  // Everything PGlite needs is fetched at once and the WebAssembly compiles as it streams in. The
  // emulator's own code (most of authlab's JavaScript) is imported here, not at the top, so a page
  // that imports this file starts those downloads before it has parsed the rest: ~0.5 s sooner.
  const [template, pgliteWasmModule, fsBundle, { openPglite }, { createEmulator }] = await Promise.all([
    kept ? undefined : download(options.templateUrl, 'the database template'),
    pgliteAssets ? compileWasm(pgliteAssets.wasmUrl) : undefined,
    pgliteAssets ? download(pgliteAssets.dataUrl, "PGlite's pglite.data") : undefined,
    import('./db/pglite.js'),
    import('./index.js'),
  ]);
  const open = (loadDataDir: Blob | undefined) =>
    openPglite({
      ...(loadDataDir ? { loadDataDir } : {}),
      ...(pgliteWasmModule ? { pgliteWasmModule } : {}),
      ...(fsBundle ? { fsBundle } : {}),
      ...(dataDir ? { dataDir } : {}),
    });
  let storage;
  try {
    storage = await open(template);
  } catch (e) {
    // a kept database this browser could not list (no indexedDB.databases()): resume it instead
    if (!(template && e instanceof Error && e.message.includes('Database already exists'))) throw e;
    storage = await open(undefined);
  }
  return createEmulator({ ...options, storage, workdir: false });
}

/**
 * Whether PGlite already keeps a whole database for this idb:// data dir. Its IndexedDB database is
 * named after the mount point, /pglite/<name>, with one record per file keyed by path. One without
 * PG_VERSION is a first visit that ended mid-boot: it is deleted, to be seeded again from the
 * template. Where the browser cannot list databases, the answer is no, and a failed load from the
 * template says otherwise.
 */
async function keptInIndexedDb(dataDir: string): Promise<boolean> {
  if (!dataDir.startsWith('idb://') || typeof indexedDB?.databases !== 'function') return false;
  const name = `/pglite/${dataDir.slice('idb://'.length)}`;
  if (!(await indexedDB.databases()).some((db) => db.name === name)) return false;
  const request = <T>(r: IDBRequest<T>) =>
    new Promise<T>((resolve, reject) => {
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
  const db = await request(indexedDB.open(name));
  let complete = false;
  try {
    complete = db.objectStoreNames.contains('FILE_DATA')
      && (await request(db.transaction('FILE_DATA').objectStore('FILE_DATA').getKey(`${name}/PG_VERSION`))) !== undefined;
  } finally {
    db.close();
  }
  if (!complete) await request(indexedDB.deleteDatabase(name));
  return complete;
}

async function fetchOk(url: string, what: string): Promise<Response> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`authlab: cannot load ${what} from ${url} (${res.status})`);
  return res;
}

/** Compiles as it streams in when the server says application/wasm; otherwise after the download. */
async function compileWasm(url: string): Promise<WebAssembly.Module> {
  const res = await fetchOk(url, "PGlite's pglite.wasm");
  if (res.headers.get('content-type')?.startsWith('application/wasm')) return WebAssembly.compileStreaming(res);
  return WebAssembly.compile(await res.arrayBuffer());
}

const download = async (url: string, what: string) => (await fetchOk(url, what)).blob();
