import type { Hono } from 'hono';
import type { H } from 'hono/types';
import type { AppEnv } from '../http/env.js';

type Handler = H<AppEnv>;
type Add = (path: string, ...handlers: Handler[]) => void;

export interface Group {
  get: Add;
  post: Add;
  put: Add;
  patch: Add;
  delete: Add;
  on: (methods: string[], path: string, ...handlers: Handler[]) => void;
  /** A group inside this one: its middleware after this group's. */
  with: (...middleware: Handler[]) => Group;
}

/**
 * Routes that share middleware, as chi's r.With and r.Route in GoTrue's api.go: the group's
 * middleware runs first, in order, then the route's own. Only the routes added here get it, so an
 * unknown path under the same prefix still answers 404.
 */
export function group(r: Hono<AppEnv>, ...middleware: Handler[]): Group {
  const on = (methods: string[], path: string, ...handlers: Handler[]) => {
    r.on(methods, path, ...([...middleware, ...handlers] as [Handler]));
  };
  return {
    get: (path, ...h) => on(['GET'], path, ...h),
    post: (path, ...h) => on(['POST'], path, ...h),
    put: (path, ...h) => on(['PUT'], path, ...h),
    patch: (path, ...h) => on(['PATCH'], path, ...h),
    delete: (path, ...h) => on(['DELETE'], path, ...h),
    on,
    with: (...more) => group(r, ...middleware, ...more),
  };
}
