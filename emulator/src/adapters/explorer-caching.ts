import { statSync } from 'node:fs';

/**
 * How long a browser may keep an explorer file. Vite names every file under assets/ after its
 * content, so a new build means new URLs: those never need asking again. Everything else
 * (index.html, which names the current assets, and the favicon) is checked on every load.
 */
export function cacheControlFor(path: string): string {
  return path.startsWith('/_/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * A validator from the served file's size and modification time (what nginx does): no need to
 * read the file to answer a revalidation. The precompressed variants are files of their own, so
 * each encoding gets its own tag, as it must.
 */
export function etagFor(file: string): string | undefined {
  try {
    const stats = statSync(file);
    return `"${stats.size.toString(36)}-${Math.floor(stats.mtimeMs).toString(36)}"`;
  } catch {
    return undefined;
  }
}

/** If-None-Match holds `etag` (or `*`): the browser's copy is current. */
export function matchesIfNoneMatch(ifNoneMatch: string | null | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/** A 304 carries the headers a 200 would have that caches need (RFC 9110 15.4.5). */
export function notModified(response: Response): Response {
  const headers = new Headers();
  for (const name of ['cache-control', 'etag', 'vary', 'content-location', 'expires', 'date']) {
    const value = response.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  return new Response(null, { status: 304, headers });
}
