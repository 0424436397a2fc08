import { apacheTime, redactedUrl, requesterOf } from './request-log';

describe('request logs', () => {
  it("should write Apache's time format, in UTC", () => {
    expect(apacheTime(new Date('2026-03-05T07:08:09.123Z'))).toBe('[05/Mar/2026:07:08:09 +0000]');
  });

  it.each([
    ['/token?service=r.test&scope=repository:a:pull', '/token?service=r.test&scope=repository:a:pull'],
    ['/x?password=hunter2&q=shop', '/x?password=REDACTED&q=shop'],
    ['/x?refresh_token=pcr_abc', '/x?refresh_token=REDACTED'],
    ['/api/v1/users?cursor=eyJ9', '/api/v1/users?cursor=REDACTED'],
    ['/no-query', '/no-query'],
  ])('should redact secret-looking parameters: %s', (url, logged) => {
    expect(redactedUrl(url)).toBe(logged);
  });

  const request = (headers: Record<string, string>, principal?: { name: string }) =>
    ({ headers, ...(principal ? { principal } : {}) }) as unknown as Parameters<typeof requesterOf>[0];

  it('should name the caller, never with a password', () => {
    expect(requesterOf(request({}, { name: 'alice' }))).toBe('alice');
    const basic = (pair: string) => `Basic ${Buffer.from(pair).toString('base64')}`;
    expect(requesterOf(request({ authorization: basic('robot/ci:s3cret') }))).toBe('robot/ci');
    expect(requesterOf(request({ authorization: basic('no-colon') }))).toBe('-');
    expect(requesterOf(request({ authorization: basic('bad user:x') }))).toBe('-');
    expect(requesterOf(request({ authorization: 'Bearer pcp_x' }))).toBe('-');
    expect(requesterOf(request({}))).toBe('-');
  });
});
