import { chmod, mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { extract } from 'tar-stream';
import { CliError, EXIT } from './output';

/** One file or directory of an archive, with its path inside the archive's top directory. */
interface Entry {
  path: string;
  kind: 'file' | 'dir';
  mode: number;
  content: Buffer;
}

async function entriesOf(archive: Buffer): Promise<Entry[]> {
  const entries: Entry[] = [];
  const reader = extract();
  Readable.from(archive).pipe(createGunzip()).pipe(reader);
  for await (const entry of reader) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    // Below the top directory; never outside it (an archive is data, not instructions).
    const inside = normalize(entry.header.name).split(sep).slice(1).join(sep);
    if (inside === '' || inside.startsWith('..')) continue;
    entries.push({
      path: inside,
      kind: entry.header.type === 'directory' ? 'dir' : 'file',
      mode: (entry.header.mode ?? 0o644) & 0o777,
      content: Buffer.concat(chunks),
    });
  }
  return entries;
}

/**
 * Writes a provisioned registry's archive into `dir`. Refuses a directory that already holds
 * files unless `force`: a provisioned registry's config.yml and keys are not lost by accident.
 */
export async function extractInto(archive: Buffer, dir: string, force: boolean): Promise<string[]> {
  const existing = await readdir(dir).catch(() => []);
  if (existing.length > 0 && !force) {
    throw new CliError(`${dir} is not empty: give another --dir, or --force to overwrite its files`, EXIT.usage);
  }
  const written: string[] = [];
  for (const entry of await entriesOf(archive)) {
    const target = join(dir, entry.path);
    if (entry.kind === 'dir') {
      await mkdir(target, { recursive: true, mode: entry.mode });
      continue;
    }
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, entry.content, { mode: entry.mode });
    await chmod(target, entry.mode);
    written.push(entry.path);
  }
  return written;
}
