import type { Hit, StringRule } from './hit.js';

/** The base64 of "-----BEGIN " at the three byte alignments it can start at. */
const PEM_HEADER_B64 = /(LS0tLS1CRUdJTi|0tLS0tQkVHSU4g|tLS0tLUJFR0lO)[A-Za-z0-9+/=]*/g;

/**
 * A PEM block hidden in base64 (a private key pasted as `tls.key: LS0tLS1...`,
 * as Kubernetes Secret data and many charts expect it). The PEM rule cannot see
 * it and the entropy rule stops at 1,024 characters, so the text is decoded and
 * the header read: a private key is refused, a certificate (public) is not.
 */
export const base64PrivateKey: StringRule = (text) => {
  const hits: Hit[] = [];
  for (const match of text.matchAll(PEM_HEADER_B64)) {
    const decoded = Buffer.from(match[0].slice(0, 4096), 'base64').toString('latin1');
    if (/-----BEGIN ((RSA|DSA|EC|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY( BLOCK)?-----/.test(decoded)) {
      hits.push({ what: 'a base64-encoded PEM private key', match: match[0].slice(0, 64), index: match.index });
    }
  }
  return hits;
};
