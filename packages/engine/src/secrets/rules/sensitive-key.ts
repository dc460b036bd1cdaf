import { isReference, type Hit, type StringRule } from './hit.js';

/**
 * A key whose name says it holds a credential (`password`, `adminPassword`,
 * `token`, `secretKey`, `apiKey`, `clientSecret`, `auth`...) must not hold a
 * literal. Charts take credentials by reference instead: `existingSecret`,
 * `*SecretName`, `*SecretRef`, `passwordKey` (the key inside a Secret),
 * `valueFrom.secretKeyRef` (Kubernetes EnvVarSource); those names do not end
 * in a credential word, or start with `existing`, and pass. Matching is on the
 * name lowercased with `-`, `_` and `.` removed, so `admin_password`,
 * `ADMIN-PASSWORD` and `adminPassword` are one name.
 */
const CREDENTIAL_SUFFIX =
  /(password|passwd|passphrase|pwd|token|apikey|apisecret|secretkey|accesskey|privatekey|sharedkey|accountkey|masterkey|signingkey|encryptionkey|licensekey|clientsecret|sharedsecret|webhooksecret|appsecret|jwtsecret|cookiesecret|hmacsecret|signingsecret|credential|credentials|auth|authorization|htpasswd|dockerconfigjson|dockercfg|connectionstring|secretaccesskey|routingkey|servicekey)$/;
/** A name ending in plain `secret` (`tlsSecret`, `auth-secret`, `secret`) usually names a Secret object; see {@link literalUnderKey}. */
const SECRET_SUFFIX = /secret$/;
const KUBERNETES_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** The key as the rule compares it: lowercase, without separators (and without an annotation prefix). */
export function normalizeKey(key: string): string {
  return [...key.replace(/^.*\//, '').normalize('NFKC').toLowerCase()]
    .map((character) => LOOKALIKES[character] ?? character)
    .join('')
    .replace(/[^a-z0-9]/g, '');
}

/** Cyrillic and Greek letters that look like Latin ones: `pаssword` with a Cyrillic а is still a password key. */
const LOOKALIKES: Readonly<Record<string, string>> = {
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', ѕ: 's', і: 'i', ј: 'j', ԁ: 'd', к: 'k', м: 'm', т: 't', в: 'b', н: 'h',
  α: 'a', ε: 'e', ο: 'o', ρ: 'p', τ: 't', υ: 'u', κ: 'k', ν: 'v', ι: 'i',
};

/** Whether a key's name alone says its value is a credential (or, for `*secret`, possibly a Secret's name). */
export function isSensitiveKey(key: string): boolean {
  let known = sensitivity.get(key);
  if (known === undefined) {
    const name = normalizeKey(key);
    known = !name.startsWith('existing') && (CREDENTIAL_SUFFIX.test(name) || SECRET_SUFFIX.test(name) || SHORT_CREDENTIAL.test(name));
    if (sensitivity.size < 10_000) sensitivity.set(key, known);
  }
  return known;
}
/** Short names that are credentials only as the whole key (`pass`, `pw`, `dbpass`), never as a suffix (`bypass`). */
const SHORT_CREDENTIAL = /^(pass|pw|dbpass|dbpw|userpass)$/;

/**
 * Values that say how to authenticate or whether to, not with what: a boolean
 * or switch written as a string (env values are always strings), a mode word,
 * or an absolute file path the credential is read from.
 */
const NOT_A_CREDENTIAL = /^(true|false|yes|no|on|off|none|null|~|enabled|disabled|required|optional|basic|bearer|digest|oauth|oauth2|oidc|ldap|jwt|saml|token|password|anonymous)$/i;
const FILE_PATH = /^\/[\w.\/-]+$/;

/** Keys repeat (name, namespace, labels...): each is classified once per process. */
const sensitivity = new Map<string, boolean>();

/**
 * The hit for `value` held under `key`, or none when the value is a reference:
 * empty, a boolean, a `$(VAR)`/`${VAR}`/`{{ }}` reference, or, under a key
 * ending in plain `secret`, a Kubernetes object name (ingress-nginx's
 * `auth-secret`, cert-manager's `tlsSecret` name Secrets that way).
 */
export function literalUnderKey(key: string, value: unknown, index = 0): Hit | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).trim();
  if (text === '' || isReference(text) || NOT_A_CREDENTIAL.test(text) || FILE_PATH.test(text) || !isSensitiveKey(key)) return undefined;
  const name = normalizeKey(key);
  // A Secret's name, unless it is a long run of hex: that is a key (a session or cookie secret), not a name.
  if (SECRET_SUFFIX.test(name) && !CREDENTIAL_SUFFIX.test(name) && KUBERNETES_NAME.test(text) && !/^[0-9a-f]{32,}$/.test(text)) return undefined;
  return { what: `a literal value under the credential key "${key}" (reference an existing Secret instead)`, match: text, index };
}

/**
 * `key: value` and `key=value` pairs inside a string or a line (comments,
 * connection strings, query strings, env files): the same test as a mapping
 * key. A YAML block or flow start (`|`, `>`, `{`, `[`, `&`, `*`, `!`) is not a
 * literal; the parsed scan reads what follows.
 */
// Only keys ending in a credential word can be sensitive (see CREDENTIAL_SUFFIX), so only those match: a
// file's hundreds of ordinary `key: value` lines cost no JavaScript work. The value is read in a lookahead,
// so `key: password=x` still finds the `password=x` inside the value.
const ASSIGNMENT =
  /(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]*(?:pass(?:word|wd|phrase)|pwd|token|key|secret|credentials?|auth|authorization|htpasswd|dockerconfigjson|dockercfg|string))["']?[ \t]*[:=][ \t]*(?=(?:"([^"]*)"|'([^']*)'|(\$\{[^}\s]+\}|\$\([A-Za-z_][A-Za-z0-9_]*\)|[^\s"',;&#|>{}[\]*!]+)))/gi;

/** `key: value` / `key=value` pairs in free text whose key says credential and whose value is a literal. */
export const inlineAssignment: StringRule = (text) => {
  const hits: Hit[] = [];
  for (const match of text.matchAll(ASSIGNMENT)) {
    const key = match[1] ?? '';
    const value = match[2] ?? match[3] ?? match[4] ?? '';
    if (/^(true|false|null|~|yes|no)$/i.test(value) || value.startsWith('//')) continue;
    const hit = literalUnderKey(key, value, match.index);
    if (hit) hits.push(hit);
  }
  return hits;
};
