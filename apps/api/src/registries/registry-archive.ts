import { buffer } from 'node:stream/consumers';
import { createGzip } from 'node:zlib';
import type { BundleEntry } from './registry-bundle';

/** A .tar.gz of a provisioned registry's files, under a directory named after it. */
export async function archiveOf(top: string, entries: readonly BundleEntry[]): Promise<Buffer> {
  // tar-stream is loaded here, at a download, not at start-up.
  const { pack } = await import('tar-stream');
  const archive = pack();
  const mtime = new Date();
  archive.entry({ name: `${top}/`, type: 'directory', mode: 0o755, mtime });
  for (const entry of entries) {
    if (entry.kind === 'dir')
      archive.entry({ name: `${top}/${entry.path}/`, type: 'directory', mode: entry.mode, mtime });
    else archive.entry({ name: `${top}/${entry.path}`, mode: entry.mode, mtime }, entry.content);
  }
  archive.finalize();
  return buffer(archive.pipe(createGzip()));
}
