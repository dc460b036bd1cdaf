import { createHash } from 'node:crypto';

/** The sha256 of a file's UTF-8 bytes, as the ownership manifest (SHA256SUMS) lists it. */
export function sha256(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

/** Parses an ownership manifest back into path → sha256. */
export function parseManifest(text: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    if (match?.[1] && match[2]) entries.set(match[2], match[1]);
  }
  return entries;
}
