import { describe, expect, it } from 'vitest';
import { tokensInBody } from './body-tokens.js';

describe('tokens offered for copying beside an exchange', () => {
  it('finds the tokens of a /token answer and of a { session } answer, nothing else', () => {
    expect(tokensInBody(JSON.stringify({ access_token: 'a.b.c', token_type: 'bearer', refresh_token: 'r1', user: { id: 'u' } }))).toEqual([
      ['access_token', 'a.b.c'],
      ['refresh_token', 'r1'],
    ]);
    expect(tokensInBody(JSON.stringify({ session: { access_token: 'x.y.z', provider_token: '' }, user: null }))).toEqual([['access_token', 'x.y.z']]);
  });

  it('offers nothing for a body that is not JSON, or tokens nested deeper', () => {
    expect(tokensInBody('grant_type=refresh_token&refresh_token=r1')).toEqual([]);
    expect(tokensInBody(JSON.stringify({ a: { b: { access_token: 'deep' } } }))).toEqual([]);
  });
});
