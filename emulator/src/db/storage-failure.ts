/**
 * A write the database could not make durable (the disk is full, or the file system failed), as
 * opposed to a query that is wrong. The app answers it with GoTrue's 500 `unexpected_failure` and
 * this message, so the person at the keyboard learns what to fix.
 */
export class StorageFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StorageFailure';
  }
}

export const diskFull = (where: string) =>
  new StorageFailure(
    `authlab could not save this change: the disk holding its data (${where}) is full. ` +
      'Free some space: authlab saves again as soon as there is room, without a restart.',
  );

export const storageUnavailable = (where: string, cause: string) =>
  new StorageFailure(
    `authlab could not save this change: writing its data (${where}) failed (${cause}). ` +
      'It reopens the database by itself once the disk accepts writes again.',
  );

/** Postgres's SQLSTATEs for a full disk (53100) and a failing one (class 58, e.g. 58030 io_error). */
export function isStorageCode(code: unknown): boolean {
  return code === '53100' || (typeof code === 'string' && code.startsWith('58'));
}
