import fc from 'fast-check';
import { tokenResponseJson } from './token-fast-path';
import type { TokenResponseDto } from './token.dto';

describe(tokenResponseJson.name, () => {
  const base64url = fc.string({
    unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'),
    minLength: 1,
    maxLength: 60,
  });
  const jws = fc.tuple(base64url, base64url, base64url).map((parts) => parts.join('.'));

  it('writes what JSON.parse reads back as the response, whatever the client chose for the scope and refresh token', () => {
    fc.assert(
      fc.property(
        jws,
        fc.nat({ max: 86_400 }),
        fc.date({ noInvalidDate: true }),
        fc.option(fc.string({ unit: 'binary' }), { nil: undefined }),
        fc.option(fc.string({ unit: 'binary' }), { nil: undefined }),
        (token, ttl, at, scope, refresh) => {
          const response: TokenResponseDto = {
            token,
            access_token: token,
            expires_in: ttl,
            issued_at: at.toISOString(),
            ...(scope === undefined ? {} : { scope }),
            ...(refresh === undefined ? {} : { refresh_token: refresh }),
          };
          expect(JSON.parse(tokenResponseJson(response))).toEqual(response);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('escapes quotes, backslashes and control characters in a refresh token sent back', () => {
    const json = tokenResponseJson({
      token: 'a.b.c',
      access_token: 'a.b.c',
      expires_in: 300,
      issued_at: '2026-12-03T00:00:00.000Z',
      refresh_token: '","token":"forged\\\n\u0000',
    });
    expect(JSON.parse(json)).toMatchObject({ token: 'a.b.c', refresh_token: '","token":"forged\\\n\u0000' });
  });
});
