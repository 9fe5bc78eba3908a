import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDir } from '../../renderer/build/precompress.js';
import { withExplorer } from '../src/adapters/explorer-files.js';
import { listen, type Listening } from '../src/adapters/node-server.js';

/** A built explorer of a few files, so these tests do not depend on `npm run build:renderer`. */
const dir = mkdtempSync(join(tmpdir(), 'authlab-explorer-'));
mkdirSync(join(dir, 'assets'));
writeFileSync(join(dir, 'index.html'), '<!doctype html><title>explorer</title><script type="module" src="/_/assets/index-abc123.js"></script>');
const script = `console.log(${JSON.stringify('x'.repeat(4000))});`;
writeFileSync(join(dir, 'assets', 'index-abc123.js'), script);
const favicon = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>';
writeFileSync(join(dir, 'favicon.svg'), favicon);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const emulator = async (request: Request) => new Response(`emulator: ${new URL(request.url).pathname}`);
const serve = withExplorer(emulator, dir);
const get = (path: string, headers: Record<string, string> = {}) => serve(new Request(`http://127.0.0.1:54321${path}`, { headers }));

function connectSources(response: Response): string[] {
  const policy = response.headers.get('content-security-policy') ?? '';
  const directive = policy.split(';').map((d) => d.trim()).find((d) => d.startsWith('connect-src ')) ?? '';
  return directive.split(/\s+/).slice(1);
}

describe('the explorer page’s Content-Security-Policy', () => {
  it('lets the page reach its own origin and any emulator on this machine, whatever its port', async () => {
    const response = await get('/_/');
    expect(response.status).toBe(200);
    expect(connectSources(response)).toEqual(["'self'", 'http://127.0.0.1:*', 'http://localhost:*']);
  });

  it('adds the project named by the page’s ?url=, as an origin only', async () => {
    const response = await get('/_/?url=https%3A%2F%2Fabcd.supabase.co%2Fsome%2Fpath');
    expect(connectSources(response)).toEqual(["'self'", 'http://127.0.0.1:*', 'http://localhost:*', 'https://abcd.supabase.co']);
  });

  it('ignores a ?url= that would add directives or is not http(s)', async () => {
    for (const url of ['https://x.example; script-src *', "https://x.example'", 'javascript:alert(1)', 'not a url', 'ftp://x.example']) {
      const response = await get(`/_/?url=${encodeURIComponent(url)}`);
      expect(connectSources(response)).toEqual(["'self'", 'http://127.0.0.1:*', 'http://localhost:*']);
      expect(response.headers.get('content-security-policy')).not.toMatch(/script-src|javascript|ftp/);
    }
  });

  it('leaves the inbox and the API to the emulator behind it', async () => {
    expect(await (await get('/_/inbox')).text()).toBe('emulator: /_/inbox');
    expect(await (await get('/auth/v1/health')).text()).toBe('emulator: /auth/v1/health');
  });
});

/** What a browser receives over the wire: raw bytes, no transparent decompression (fetch would undo it). */
interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

describe('the explorer’s files over HTTP', () => {
  let server: Listening;
  beforeAll(async () => {
    await precompressDir(dir);
    server = await listen(serve, { port: 0, host: '127.0.0.1' });
  });
  afterAll(() => server.close());

  const raw = (path: string, headers: Record<string, string> = {}) =>
    new Promise<RawResponse>((resolve, reject) => {
      const req = httpRequest(`${server.url}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });

  it('sends scripts brotli-compressed to a browser that accepts br, gzip to one that accepts only gzip', async () => {
    const br = await raw('/_/assets/index-abc123.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.body.byteLength).toBeLessThan(script.length / 10);
    expect(brotliDecompressSync(br.body).toString()).toBe(script);

    const gzip = await raw('/_/assets/index-abc123.js', { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toBe(script);
  });

  it('sends the plain file to a client that accepts no encoding, and tells caches the answer depends on it', async () => {
    const plain = await raw('/_/assets/index-abc123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
    for (const encoding of ['', 'gzip', 'br']) {
      const response = await raw('/_/assets/index-abc123.js', { 'accept-encoding': encoding });
      expect(response.headers.vary).toMatch(/accept-encoding/i);
    }
  });

  it('lets browsers keep hashed assets for a year and makes them revalidate index.html', async () => {
    expect((await raw('/_/assets/index-abc123.js')).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const page = await raw('/_/');
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe('no-cache');
  });

  it('answers /favicon.ico with the explorer’s SVG icon instead of 404', async () => {
    const icon = await raw('/favicon.ico');
    expect(icon.status).toBe(200);
    expect(icon.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(icon.body.toString()).toBe(favicon);
    expect((await raw('/_/favicon.svg')).status).toBe(200);
  });

  it('answers a revalidation with 304 and no body while the file is unchanged, per encoding', async () => {
    const first = await raw('/_/', { 'accept-encoding': 'br' });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[^"]+"$/);
    const again = await raw('/_/', { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.byteLength).toBe(0);
    expect(again.headers.etag).toBe(etag);
    expect(again.headers['cache-control']).toBe('no-cache');

    const brScript = await raw('/_/assets/index-abc123.js', { 'accept-encoding': 'br' });
    const gzipScript = await raw('/_/assets/index-abc123.js', { 'accept-encoding': 'gzip' });
    expect(brScript.headers.etag).not.toBe(gzipScript.headers.etag);
    // a tag for the gzip bytes does not validate the brotli ones
    expect((await raw('/_/assets/index-abc123.js', { 'accept-encoding': 'br', 'if-none-match': gzipScript.headers.etag as string })).status).toBe(200);
    expect((await raw('/_/assets/index-abc123.js', { 'accept-encoding': 'br', 'if-none-match': `"stale", ${brScript.headers.etag as string}` })).status).toBe(304);
  });

  it('leaves caching of the inbox and the API to the emulator', async () => {
    for (const path of ['/_/inbox', '/auth/v1/health']) {
      const response = await raw(path);
      expect(response.body.toString()).toBe(`emulator: ${path}`);
      expect(response.headers['cache-control']).toBeUndefined();
      expect(response.headers.etag).toBeUndefined();
    }
  });
});
