import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The template as the gzipped tar PGlite's loadDataDir reads (what dumpDataDir writes: ustar entries
 * named from the data directory's root, `/PG_VERSION`, `/base/5/…`). Made from the directory when a
 * browser needs it, so the package ships the 2.7 MB of template once, not twice.
 */
export function templateTarball(template: { dir: string; dirs: string[] }): Buffer {
  const blocks: Buffer[] = [];
  const mtime = Math.floor(Date.now() / 1000);
  // the directories from the manifest: a packaged template has lost its empty ones
  for (const dir of template.dirs) blocks.push(header(`/${dir}/`, 0, '5', 0o755, mtime));
  const files = readdirSync(template.dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(template.dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
  for (const file of files) {
    const content = readFileSync(join(template.dir, file));
    blocks.push(header(`/${file}`, content.length, '0', 0o600, mtime), content, Buffer.alloc((512 - (content.length % 512)) % 512));
  }
  // two zero blocks end the archive
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks), { level: 6 });
}

function header(name: string, size: number, type: '0' | '5', mode: number, mtime: number): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`authlab: template path too long for a tar entry: ${name}`);
  const block = Buffer.alloc(512);
  const field = (value: string, offset: number, length: number) => block.write(value, offset, length, 'ascii');
  const octal = (value: number, offset: number, length: number) => field(`${value.toString(8).padStart(length - 1, '0')}\0`, offset, length);
  field(name, 0, 100);
  octal(mode, 100, 8);
  octal(0, 108, 8); // uid
  octal(0, 116, 8); // gid
  octal(size, 124, 12);
  octal(mtime, 136, 12);
  field(' '.repeat(8), 148, 8); // the checksum counts its own field as spaces
  field(type, 156, 1);
  field('ustar\u000000', 257, 8);
  let sum = 0;
  for (const byte of block) sum += byte;
  field(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return block;
}
