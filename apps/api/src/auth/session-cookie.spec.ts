import { mayBeSecure } from './session-cookie';

describe('mayBeSecure', () => {
  it.each([
    ['https://auth.example.com', 'http', 'auth.example.com', true],
    ['http://auth.internal:8080', 'https', 'auth.internal', true],
    ['http://localhost:8080', 'http', 'localhost', true],
    ['http://localhost:8080', 'http', '127.0.0.1', true],
    ['http://localhost:8080', 'http', '[::1]', true],
    // Browsers drop a Secure cookie set over plain http:// elsewhere: the console would lose its session.
    ['http://localhost:8080', 'http', 'auth.internal', false],
    ['http://auth.internal:8080', 'http', 'auth.internal', false],
    ['http://auth.internal:8080', 'http', 'localhost.example.com', false],
  ])('should, with PUBLIC_URL %s and a request over %s to %s, answer %s', (publicUrl, protocol, hostname, secure) => {
    expect(mayBeSecure(publicUrl, { protocol, hostname })).toBe(secure);
  });
});
