import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * What a complete template holds, written last into it: a template whose files do not hash to its
 * manifest (half-written, truncated, edited, or damaged on disk) is never loaded. Hashing the
 * 15 MB takes ~20-30 ms on 2 cores, once per process.
 */
export interface TemplateManifest {
  name: string;
  /** Every directory, relative: npm drops empty ones from a package, and Postgres needs them back. */
  dirs: string[];
  files: number;
  bytes: number;
  sha256: string;
}

const MANIFEST = 'manifest.json';

interface Listing {
  dirs: string[];
  files: string[];
}

function list(dataDir: string): Listing {
  const dirs: string[] = [];
  const files: string[] = [];
  for (const entry of readdirSync(dataDir, { recursive: true, withFileTypes: true })) {
    const path = relative(dataDir, join(entry.parentPath, entry.name)).split(sep).join('/');
    if (entry.isDirectory()) dirs.push(path);
    else if (entry.isFile()) files.push(path);
  }
  return { dirs: dirs.sort(), files: files.sort() };
}

function digest(dataDir: string, files: string[]): { bytes: number; sha256: string } {
  const hash = createHash('sha256');
  let bytes = 0;
  for (const file of files) {
    const content = readFileSync(join(dataDir, file));
    // the name and length go in too, so a renamed, moved or split file changes the digest
    hash.update(`${file}\0${content.length}\0`);
    hash.update(content);
    bytes += content.length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

/** Writes `<templateDir>/manifest.json` for `<templateDir>/data`; the last step of a build. */
export function writeManifest(templateDir: string, name: string): void {
  const dataDir = join(templateDir, 'data');
  const { dirs, files } = list(dataDir);
  const manifest: TemplateManifest = { name, dirs, files: files.length, ...digest(dataDir, files) };
  writeFileSync(join(templateDir, MANIFEST), `${JSON.stringify(manifest)}\n`);
}

/** The manifest when `<templateDir>` is complete and intact, else undefined (a reason in `why`). */
export function verifyTemplate(templateDir: string, name: string, why?: (reason: string) => void): TemplateManifest | undefined {
  let manifest: TemplateManifest;
  try {
    manifest = JSON.parse(readFileSync(join(templateDir, MANIFEST), 'utf8')) as TemplateManifest;
  } catch {
    why?.('no readable manifest (half-written)');
    return undefined;
  }
  if (manifest.name !== name || !Array.isArray(manifest.dirs)) {
    why?.(`its manifest names ${String(manifest.name)}, not ${name}`);
    return undefined;
  }
  const dataDir = join(templateDir, 'data');
  let files: string[];
  try {
    files = list(dataDir).files;
  } catch {
    why?.('no data directory');
    return undefined;
  }
  if (files.length !== manifest.files) {
    why?.(`${files.length} files instead of ${manifest.files}`);
    return undefined;
  }
  const actual = digest(dataDir, files);
  if (actual.bytes !== manifest.bytes || actual.sha256 !== manifest.sha256) {
    why?.('its files do not match their checksum');
    return undefined;
  }
  return manifest;
}
