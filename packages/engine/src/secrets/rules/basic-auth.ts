import type { Hit, StringRule } from './hit.js';

/**
 * HTTP basic credentials: `Basic base64(user:password)` (RFC 7617 §2), and the
 * same encoding anywhere else, as in a docker config's `auths.<registry>.auth`
 * (kubernetes.io/dockerconfigjson; docker/cli cli/config/configfile, which
 * decodes `auth` as base64 "user:password").
 */
const BASIC_HEADER = /\bBasic[ \t]+([A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])/gi;
// Canonical base64 of printable ASCII: every 4-character group starts with I-Z or a-f (the first byte is 0x20-0x7e).
// Matching that shape in the regex leaves ordinary words out before any decoding.
const BASE64_TOKEN = /(?<![A-Za-z0-9+/=])(?:[I-Za-f][A-Za-z0-9+/]{3}){1,256}(?:[I-Za-f][A-Za-z0-9+/]{2}=|[I-Za-f][A-Za-z0-9+/]==)?(?![A-Za-z0-9+/=])/g;

/** Decodes `token` when it is canonical base64 of printable `user:password`. */
export function decodeUserPassword(token: string): string | undefined {
  if (token.length % 4 !== 0 || token.length > 1024) return undefined;
  // Each 4-character group encodes 3 bytes; a printable ASCII first byte (0x20-0x7e) puts the group's first character in I-Z or a-f.
  for (let index = 0; index < token.length; index += 4) {
    const code = token.charCodeAt(index);
    if (!((code >= 73 && code <= 90) || (code >= 97 && code <= 102))) return undefined;
  }
  const decoded = Buffer.from(token, 'base64').toString('latin1');
  // Canonical only: re-encoding gives the same text, so ordinary words and paths do not pass.
  if (Buffer.from(decoded, 'latin1').toString('base64') !== token) return undefined;
  return /^[\x21-\x39\x3b-\x7e]{1,256}:[\x20-\x7e]{1,256}$/.test(decoded) ? decoded : undefined;
}

/** Basic authorization headers and bare base64 `user:password` tokens. */
export const basicAuth: StringRule = (text) => {
  const hits: Hit[] = [];
  if (/[Bb][Aa][Ss][Ii][Cc]/.test(text)) for (const match of text.matchAll(BASIC_HEADER)) {
    hits.push({ what: 'an HTTP Basic authorization header', match: match[0], index: match.index });
  }
  for (const match of text.matchAll(BASE64_TOKEN)) {
    if (match[0].length >= 8 && decodeUserPassword(match[0]) !== undefined) hits.push({ what: 'base64 of user:password (registry or basic auth)', match: match[0], index: match.index });
  }
  return hits;
};
