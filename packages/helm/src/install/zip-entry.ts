import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';

/** What was written, for the caller to check against its pins. */
export interface ExtractedEntry {
  readonly sha256: string;
  readonly size: number;
}

/**
 * Streams one entry of a zip archive to `destination` (written beside it
 * under a temporary name, then renamed, so a reader never sees half a file)
 * and hashes it on the way. yauzl reads the central directory and inflates
 * with node's zlib, so the 58 MB binary never sits in memory; it refuses
 * entries whose inflated size differs from the directory's (validateEntrySizes).
 */
export async function extractZipEntry(zipPath: string, entryName: string, destination: string, mode: number): Promise<ExtractedEntry> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(zipPath, { lazyEntries: true, autoClose: false }, (error, file) => (error ? reject(error) : resolve(file))),
  );
  try {
    const entry = await new Promise<yauzl.Entry | undefined>((resolve, reject) => {
      zip.on('entry', (candidate: yauzl.Entry) => (candidate.fileName === entryName ? resolve(candidate) : zip.readEntry()));
      zip.on('end', () => resolve(undefined));
      zip.on('error', reject);
      zip.readEntry();
    });
    if (!entry) throw new Error(`${zipPath} has no entry ${entryName}`);
    const input = await new Promise<NodeJS.ReadableStream>((resolve, reject) => zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream))));
    const hash = createHash('sha256');
    let size = 0;
    const tee = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    const partial = `${destination}.partial-${process.pid}`;
    try {
      await pipeline(input, tee, createWriteStream(partial, { mode }));
      await rename(partial, destination);
    } finally {
      await rm(partial, { force: true });
    }
    return { sha256: hash.digest('hex'), size };
  } finally {
    zip.close();
  }
}
