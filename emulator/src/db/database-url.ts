/** A PostgreSQL URL without its password, for banners and error messages. */
export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    u.searchParams.delete('password');
    return u.toString();
  } catch {
    return '(a database URL that does not parse)';
  }
}
