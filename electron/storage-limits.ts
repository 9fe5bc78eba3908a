/**
 * Bounds on what the renderer may store, shared by the IPC contract (which rejects early) and the
 * store itself (which must hold on its own). No Node imports: the sandboxed preload bundles this.
 */

/** supabase-js keys look like `sb-<project-ref>-auth-token` and `...-code-verifier`. */
export const STORAGE_KEY_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
/** A session with user metadata and provider tokens is a few KB; 64 KB leaves room without inviting abuse. */
export const MAX_VALUE_LENGTH = 64 * 1024;
/** Bounds the file: a few keys per project (session, code verifier), a few projects. */
export const MAX_ITEMS = 256;
