import { describe, expect, it } from 'vitest';
import { decodeBasicAuth, oauth2BasicAuth } from '../src/go/basic-auth.js';
import { parseBool } from '../src/go/bool.js';
import { DurationError, parseGoDuration } from '../src/go/duration.js';
import { pascalCase } from '../src/go/names.js';
import { oauthErrorForStatus } from '../src/go/oauth-errors.js';
import { encodeValues, queryEscape, queryUnescape, queryValues } from '../src/go/query.js';

// Expected values are what Go itself returns (its package docs and examples), so authlab's links
// and redirects match GoTrue's byte for byte.

describe('net/url', () => {
  it.each([
    ['my/cool+blog&about,stuff', 'my%2Fcool%2Bblog%26about%2Cstuff'], // url.QueryEscape's doc example
    ["!'()*", '%21%27%28%29%2A'],
    ['b c', 'b+c'],
    ['-_.~', '-_.~'],
    ['é', '%C3%A9'],
  ])('QueryEscape(%j) == %j', (input, escaped) => {
    expect(queryEscape(input)).toBe(escaped);
  });

  it('QueryUnescape reads "+" as a space and refuses a bad escape', () => {
    expect(queryUnescape('a+b%21%2B')).toBe('a b!+');
    expect(() => queryUnescape('%zz')).toThrow(URIError);
  });

  it('Values.Encode sorts keys, keeps each key\'s values in order and escapes as QueryEscape', () => {
    expect(encodeValues({ x: "!'()*", a: 'b c' })).toBe('a=b+c&x=%21%27%28%29%2A');
    // url.Values' doc example
    const v = new Map([['name', ['Ava']], ['friend', ['Jess', 'Sarah', 'Zoe']]]);
    expect(encodeValues(v)).toBe('friend=Jess&friend=Sarah&friend=Zoe&name=Ava');
    expect(encodeValues({})).toBe('');
  });

  it('u.Query() keeps repeated keys', () => {
    expect([...queryValues(new URL('http://x/?b=2&a=1&b=3'))]).toEqual([['b', ['2', '3']], ['a', ['1']]]);
  });
});

describe('time.ParseDuration', () => {
  const SECOND = 1_000_000_000n;
  it.each([
    ['10h', 10n * 3600n * SECOND],
    ['1h10m10s', 4210n * SECOND], // the package example: 4210 seconds
    ['1µs', 1000n],
    ['1us', 1000n],
    ['1h15m30.918273645s', 4530_918_273_645n],
    ['-1.5h', -5400n * SECOND],
    ['+5m', 300n * SECOND],
    ['.5s', 500_000_000n],
    ['1.s', SECOND],
    ['0', 0n],
    ['9223372036854775807ns', 9223372036854775807n],
  ])('%j is %d ns', (input, ns) => {
    expect(parseGoDuration(input)).toBe(ns);
  });

  it.each([
    ['', 'time: invalid duration ""'],
    ['1', 'time: missing unit in duration "1"'],
    ['1x', 'time: unknown unit "x" in duration "1x"'],
    ['.s', 'time: invalid duration ".s"'],
    ['9223372036854775808ns', 'time: invalid duration "9223372036854775808ns"'],
  ])('%j fails with Go\'s message', (input, message) => {
    expect(() => parseGoDuration(input)).toThrow(new DurationError(message));
  });
});

describe('strconv.ParseBool', () => {
  it.each(['1', 't', 'T', 'TRUE', 'true', 'True'])('%j is true', (s) => expect(parseBool(s)).toBe(true));
  it.each(['0', 'f', 'F', 'FALSE', 'false', 'False'])('%j is false', (s) => expect(parseBool(s)).toBe(false));
  it.each(['tRuE', 'yes', 'on', '', ' true'])('%j is not a bool', (s) => expect(parseBool(s)).toBeUndefined());
});

describe('HTTP Basic credentials', () => {
  it('reads RFC 7617\'s example as Go\'s Request.BasicAuth does', () => {
    expect(decodeBasicAuth('QWxhZGRpbjpvcGVuIHNlc2FtZQ==')).toEqual({ id: 'Aladdin', secret: 'open sesame' });
    expect(decodeBasicAuth(btoa('no-colon'))).toEqual({ error: 'format' });
    expect(decodeBasicAuth('%%%')).toEqual({ error: 'encoding' });
  });

  it('sends a client\'s id and secret query-escaped, as golang.org/x/oauth2, and reads them back', () => {
    const header = oauth2BasicAuth('Aladdin', 'open sesame!');
    expect(header).toBe(`Basic ${btoa('Aladdin:open+sesame%21')}`);
    expect(decodeBasicAuth(header.slice('Basic '.length), true)).toEqual({ id: 'Aladdin', secret: 'open sesame!' });
  });
});

describe('GoTrue names', () => {
  it('turns snake_case into the PascalCase part of a setting name', () => {
    expect(pascalCase('linkedin_oidc')).toBe('LinkedinOidc');
    expect(pascalCase('email_change')).toBe('EmailChange');
  });

  it('names an OAuth error by status as api/errors.go oauthErrorMap', () => {
    expect([400, 401, 403, 500, 503, 404].map(oauthErrorForStatus)).toEqual([
      'invalid_request', 'unauthorized_client', 'access_denied', 'server_error', 'temporarily_unavailable', undefined,
    ]);
  });
});
