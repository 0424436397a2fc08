// A bare reference token server for the benchmark: node:http, no framework, no database. It parses
// the request the way a token server must (query, Basic credentials, scopes), optionally checks a
// bcrypt password on every request (how docker_auth works: no cache), and signs the same JWT as
// Portcullis with the same key, the same way (node:crypto's signature, ecdsa-sig-formatter for
// the JWS form, the header encoded once: apps/api/src/signing/token-signer.ts).
//
//   node bench/reference-server.mjs <port> <bare|bcrypt5|bcrypt10> <key.pem> <cert.pem> <kid> <user> <password>
import bcrypt from 'bcryptjs';
import { derToJose } from 'ecdsa-sig-formatter';
import { X509Certificate, createPrivateKey, createSign, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [port, mode, keyFile, certFile, kid, user, password] = process.argv.slice(2);
const privateKey = createPrivateKey(readFileSync(keyFile, 'utf8'));
const x5c = new X509Certificate(readFileSync(certFile, 'utf8')).raw.toString('base64');
const cost = mode === 'bare' ? 0 : Number(mode.replace('bcrypt', ''));
const hash = cost > 0 ? bcrypt.hashSync(password, cost) : undefined;
const header = Buffer.from(JSON.stringify({ typ: 'JWT', alg: 'ES256', kid, x5c: [x5c] })).toString('base64url');

function deny(res, status) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication failed"}]}');
}

createServer(async (req, res) => {
  const url = new URL(req.url, 'http://reference');
  if (url.pathname !== '/token') return deny(res, 404);
  const service = url.searchParams.get('service');
  const auth = req.headers.authorization ?? '';
  const [login, secret] = Buffer.from(auth.replace(/^Basic /, ''), 'base64')
    .toString()
    .split(':');
  if (!service || login !== user) return deny(res, 401);
  if (hash !== undefined ? !(await bcrypt.compare(secret, hash)) : secret !== password) return deny(res, 401);
  const access = url.searchParams.getAll('scope').map((scope) => {
    const [type, name, actions] = scope.split(':');
    return { type, name, actions: actions.split(',') };
  });
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    iss: 'portcullis',
    sub: login,
    aud: service,
    exp: now + 300,
    nbf: now - 10,
    iat: now,
    jti: randomUUID(),
    access,
  };
  const input = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const token = `${input}.${derToJose(createSign('sha256').update(input).sign(privateKey), 'ES256')}`;
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(
    JSON.stringify({ token, access_token: token, expires_in: 300, issued_at: new Date(now * 1000).toISOString() }),
  );
}).listen(Number(port), '127.0.0.1', () => process.send?.('ready'));
