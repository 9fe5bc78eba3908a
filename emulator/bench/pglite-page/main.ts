/// <reference types="vite/client" />
// The bench's floor for the in-page emulator: PGlite alone, from the same template and the same
// assets fetched the same way, with no emulator, MSW or supabase-js. authlab's boot minus this one
// is what authlab itself costs.
import { PGlite } from '@electric-sql/pglite';
import dataUrl from '@electric-sql/pglite/pglite.data?url';
import wasmUrl from '@electric-sql/pglite/pglite.wasm?url';

const started = performance.now();
const [template, pgliteWasmModule, fsBundle] = await Promise.all([
  fetch(new URL('./authlab-template.tar.gz', location.href)).then((r) => r.blob()),
  WebAssembly.compileStreaming(fetch(wasmUrl)),
  fetch(dataUrl).then((r) => r.blob()),
]);
const pg = await PGlite.create({ loadDataDir: template, pgliteWasmModule, fsBundle });
await pg.query('select count(*) from auth.users');
// the same two figures as e2e/msw-page
document.body.dataset.emulatorBootMs = String(Math.round(performance.now() - started));
document.body.dataset.bootMs = String(Math.round(performance.now()));
document.querySelector('#status')!.textContent = `PGlite ready in ${document.body.dataset.bootMs} ms`;
