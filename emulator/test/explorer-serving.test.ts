import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withExplorer } from '../src/adapters/explorer-files.js';

/** A built explorer of two files, so these tests do not depend on `npm run build:renderer`. */
const dir = mkdtempSync(join(tmpdir(), 'authlab-explorer-'));
mkdirSync(join(dir, 'assets'));
writeFileSync(join(dir, 'index.html'), '<!doctype html><title>explorer</title><script type="module" src="/_/assets/index-abc123.js"></script>');
writeFileSync(join(dir, 'assets', 'index-abc123.js'), `console.log(${JSON.stringify('x'.repeat(4000))});`);
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
