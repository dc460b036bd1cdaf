import { userinfoIsCredential } from './url-userinfo.js';

/**
 * Why a git URL may not be committed, or undefined. Fleet clones with the
 * GitRepo's `clientSecretName` Secret (kubernetes.io/basic-auth for http(s),
 * fleet pkg/git: basic auth on the HTTP transport), so credentials in the URL
 * itself would sit in git in clear; and over plain `http://` that basic-auth
 * header, the deploy token, travels unencrypted on every poll.
 */
export function gitUrlProblem(url: string): string | undefined {
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)@/i.exec(url);
  if (match && userinfoIsCredential(match[1] ?? '', match[2] ?? '')) {
    return 'holds credentials (user:password@ or a token@); they would be committed to git: put them in the Secret named by secrets.gitCredentials';
  }
  if (/^http:\/\//i.test(url)) return 'is plain http://; the basic-auth Secret Fleet clones with would travel in clear: use https:// or ssh';
  return undefined;
}
