// A bare reference token server for the benchmark: node:http, no framework, no database. It parses
// the request the way a token server must (query, Basic credentials, scopes), optionally checks a
// bcrypt password on every request (how docker_auth works: no cache), and signs the same JWT as
// Portcullis with the same key, the same way (node:crypto's signature, ecdsa-sig-formatter for
// the JWS form, the header encoded once: apps/api/src/signing/token-signer.ts).
//
//   node bench/reference-server.mjs <port> <bare|bcrypt5|bcrypt10> <key.pem> <cert.pem> <kid> <user> <password>
import bcrypt from 'bcryptjs';
import { createServer } from 'node:http';
import { registryTokenSigner } from './jwt.mjs';

const [port, mode, keyFile, certFile, kid, user, password] = process.argv.slice(2);
const sign = registryTokenSigner({ keyFile, certFile, kid });
const cost = mode === 'bare' ? 0 : Number(mode.replace('bcrypt', ''));
const hash = cost > 0 ? bcrypt.hashSync(password, cost) : undefined;

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
  const token = sign(login, service, access);
  const now = Math.floor(Date.now() / 1000);
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(
    JSON.stringify({ token, access_token: token, expires_in: 300, issued_at: new Date(now * 1000).toISOString() }),
  );
}).listen(Number(port), '127.0.0.1', () => process.send?.('ready'));
