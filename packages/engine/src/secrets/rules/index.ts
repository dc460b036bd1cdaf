import { base64PrivateKey } from './base64-key.js';
import { basicAuth } from './basic-auth.js';
import { highEntropy } from './entropy.js';
import type { Hit } from './hit.js';
import { knownFormats } from './known-formats.js';
import { inlineAssignment } from './sensitive-key.js';
import { urlUserinfo } from './url-userinfo.js';

/**
 * Every rule that needs no structure, most specific first: what a string, a
 * mapping key or one line of a file is checked against. The first hit names
 * the finding.
 */
const STRING_RULES = [knownFormats, base64PrivateKey, urlUserinfo, basicAuth, inlineAssignment, highEntropy];

/** A short plain word (a name, label, number): no rule can match it except base64 `user:password`, checked apart. */
const PLAIN_WORD = /^[A-Za-z0-9_.\/-]{0,15}$/;

/** Every hit of the structure-free rules in `text` (a value, a key, or a whole file), most specific rule first. */
export function stringHits(text: string): Hit[] {
  if (PLAIN_WORD.test(text)) return text.length >= 8 ? basicAuth(text) : [];
  return STRING_RULES.flatMap((rule) => rule(text));
}

export type { Hit } from './hit.js';

