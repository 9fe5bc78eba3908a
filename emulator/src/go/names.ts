/**
 * GoTrue's setting names: one snake_case word list (`linkedin_oidc`, `email_change`) becomes a
 * PascalCase segment of a camelCase key (externalLinkedinOidcEnabled, mailerSubjectsEmailChange).
 */

export type Pascal<S extends string> = S extends `${infer H}_${infer T}` ? `${Capitalize<H>}${Pascal<T>}` : Capitalize<S>;

export const pascalCase = <S extends string>(snake: S) =>
  snake.replace(/(^|_)([a-z])/g, (_m, _s, c: string) => c.toUpperCase()) as Pascal<S>;
