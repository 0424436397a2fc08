import type { LoggerService } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import { type Server, createSecureContext } from 'node:tls';

export interface TlsFiles {
  readonly certFile: string;
  readonly keyFile: string;
}

export interface TlsPair {
  cert: Buffer;
  key: Buffer;
}

/** How often the files are looked at (stat polling follows Kubernetes' symlink swaps, fs.watch does not). */
const POLL_MS = 1000;

/**
 * The certificate chain and key of TLS_CERT_FILE and TLS_KEY_FILE, read and checked as a pair
 * (a key that does not match its certificate is refused here, not at the first handshake).
 */
export function readTlsFiles(files: TlsFiles): TlsPair {
  const read = (file: string, name: string) => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new Error(`${name}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, {
        cause: error,
      });
    }
  };
  const pair = { cert: read(files.certFile, 'TLS_CERT_FILE'), key: read(files.keyFile, 'TLS_KEY_FILE') };
  try {
    createSecureContext(pair);
  } catch (error) {
    throw new Error(
      `TLS_CERT_FILE, TLS_KEY_FILE: not a certificate chain and its private key in PEM (${(error as Error).message})`,
      { cause: error },
    );
  }
  return pair;
}

const digestOf = (pair: TlsPair) => createHash('sha256').update(pair.cert).update(pair.key).digest('hex');

/**
 * Serves a renewed certificate without a restart: when either file changes, a valid pair replaces
 * the server's (new connections get it, open ones keep theirs); an invalid one (a half-written
 * renewal, a key that does not match) is logged and the pair in use kept, until the next change.
 * Returns what stops watching.
 */
export function reloadTlsOnChange(
  server: Server,
  files: TlsFiles,
  logger: LoggerService,
  current: TlsPair,
): () => void {
  let served = digestOf(current);
  const reload = () => {
    let pair: TlsPair;
    try {
      pair = readTlsFiles(files);
    } catch (error) {
      logger.warn(`Keeping the TLS certificate in use: ${(error as Error).message}`, 'Tls');
      return;
    }
    const digest = digestOf(pair);
    if (digest === served) return;
    server.setSecureContext(pair);
    served = digest;
    logger.log(`Serving the renewed TLS certificate of ${files.certFile}`, 'Tls');
  };
  watchFile(files.certFile, { interval: POLL_MS, persistent: false }, reload);
  watchFile(files.keyFile, { interval: POLL_MS, persistent: false }, reload);
  return () => {
    unwatchFile(files.certFile, reload);
    unwatchFile(files.keyFile, reload);
  };
}
