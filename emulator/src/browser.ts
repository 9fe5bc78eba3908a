import { openPglite } from './db/pglite.js';
import { createEmulator, type Emulator, type EmulatorOptions } from './index.js';

/**
 * The whole emulator inside a web page: PGlite in WebAssembly, started from the prebuilt database
 * template (no initdb in the browser), in memory or persisted in IndexedDB. Pair it with MSW:
 *
 *   const emulator = await createBrowserEmulator({ templateUrl: '/authlab-template.tar.gz' });
 *   await setupWorker(...authlabHandlers(emulator)).start();
 *   createClient('http://127.0.0.1:54321', emulator.keys.anon)   // no server anywhere
 */
export interface BrowserEmulatorOptions extends Omit<EmulatorOptions, 'dataDir' | 'storage'> {
  /** URL of the template tarball (`.cache/pg-template-*.tar.gz`, built by npm install). */
  templateUrl: string;
  /** e.g. "idb://authlab" to keep users across page loads; in memory when absent. */
  dataDir?: string;
}

export async function createBrowserEmulator(options: BrowserEmulatorOptions): Promise<Emulator> {
  const res = await fetch(options.templateUrl);
  if (!res.ok) throw new Error(`authlab: cannot load the database template from ${options.templateUrl} (${res.status})`);
  const storage = await openPglite({
    loadDataDir: await res.blob(),
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
  });
  return createEmulator({ ...options, storage });
}
