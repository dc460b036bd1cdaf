import { isReference, type StringRule } from './hit.js';

/**
 * `scheme://user:password@host` (RFC 3986 §3.2.1, which deprecates passwords
 * in URLs). git sends the userinfo of an https remote as HTTP basic auth, and
 * forges accept a token as the user name alone (`https://TOKEN@github.com`), so
 * for http(s) any userinfo counts; for ssh and other schemes only a password
 * does (`ssh://git@host` is a login name, not a credential). `$(VAR)`,
 * `${VAR}` and templates are references, not literals.
 */
const URL_WITH_USERINFO = /\b([a-z][a-z0-9+.-]*):\/\/([^\s/?#@"'<>]+)@[^\s/?#@"'<>]/gi;

/** Whether a URL's userinfo carries a credential; see {@link urlUserinfo}. */
export function userinfoIsCredential(scheme: string, userinfo: string): boolean {
  const colon = userinfo.indexOf(':');
  const user = colon < 0 ? userinfo : userinfo.slice(0, colon);
  const password = colon < 0 ? '' : userinfo.slice(colon + 1);
  if (password !== '') return !isReference(password);
  return /^https?$/i.test(scheme) && user !== '' && !isReference(user);
}

/** URLs whose userinfo carries a credential (see {@link userinfoIsCredential}). */
export const urlUserinfo: StringRule = (text) =>
  !text.includes('://') || !text.includes('@')
    ? []
    : [...text.matchAll(URL_WITH_USERINFO)]
    .filter((match) => userinfoIsCredential(match[1] ?? '', match[2] ?? ''))
    .map((match) => ({ what: 'a URL with credentials in it (user:password@)', match: match[0], index: match.index }));

/** The URL with its userinfo replaced by `***`, for messages that must not echo a credential. */
export function redactUserinfo(text: string): string {
  return text.replace(URL_WITH_USERINFO, (whole, scheme: string) => `${scheme}://***@${whole.slice(-1)}`);
}
