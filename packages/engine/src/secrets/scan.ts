import { PlatformError } from '../errors.js';

/**
 * Values that look like credentials. Secrets are referenced by name
 * (existingSecret and the like), never rendered; this is the net under that rule.
 */
const PATTERNS: ReadonlyArray<{ name: string; test: (value: string) => boolean }> = [
  { name: 'a PEM private key or certificate block', test: (value) => /-----BEGIN [A-Z ]*(PRIVATE KEY|CERTIFICATE)-----/.test(value) },
  { name: 'a bearer token', test: (value) => /\bBearer\s+[A-Za-z0-9._~+/-]{16,}=*/.test(value) },
  { name: 'an AWS access key id', test: (value) => /\b(AKIA|ASIA)[0-9A-Z]{16}\b/.test(value) },
  { name: 'a GitLab or GitHub token', test: (value) => /\b(glpat-[0-9A-Za-z_-]{20,}|gh[pousr]_[0-9A-Za-z]{36,})\b/.test(value) },
  { name: 'an Azure storage or client secret', test: (value) => /AccountKey=[A-Za-z0-9+/=]{40,}/.test(value) },
  { name: 'a long high-entropy string', test: (value) => value.split(/[\s"',:;=]+/).some(looksRandom) },
];

/** A token of 32+ characters mixing character classes with high Shannon entropy: a password or key, not prose. */
function looksRandom(token: string): boolean {
  if (token.length < 32 || /^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(token) || /^[./a-z0-9_-]+$/i.test(token) && token.includes('/')) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((pattern) => pattern.test(token)).length;
  if (classes < 3) return false;
  const counts = new Map<string, number>();
  for (const character of token) counts.set(character, (counts.get(character) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) entropy -= (count / token.length) * Math.log2(count / token.length);
  return entropy > 4.2;
}

export interface SecretFinding {
  readonly file: string;
  readonly path: string;
  readonly what: string;
}

/**
 * Scans a generated object (or values tree) for secrets: a Secret with data or
 * stringData, or any string value that looks like a credential. `allow` holds
 * `file#path` entries for documented false positives.
 */
export function scanForSecrets(file: string, document: unknown, allow: ReadonlySet<string> = new Set()): SecretFinding[] {
  const findings: SecretFinding[] = [];
  const object = document as { kind?: unknown; data?: unknown; stringData?: unknown } | null;
  if (object && typeof object === 'object' && object.kind === 'Secret') {
    for (const key of ['data', 'stringData'] as const) {
      if (object[key] !== undefined && !allow.has(`${file}#${key}`)) findings.push({ file, path: key, what: `a Secret with ${key}` });
    }
  }
  const walk = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      const hit = PATTERNS.find((pattern) => pattern.test(value));
      if (hit && !allow.has(`${file}#${path}`)) findings.push({ file, path, what: hit.name });
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, `${path}[${index}]`));
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) walk(item, path ? `${path}.${key}` : key);
    }
  };
  walk(document, '');
  return findings;
}

export function secretError(finding: SecretFinding): PlatformError {
  return new PlatformError(`looks like ${finding.what}; secrets are never rendered into git`, {
    file: finding.file,
    field: finding.path || '(document)',
    hint: 'reference a pre-seeded Secret by name (existingSecret and the like); for a false positive add "<file>#<path>" to secrets-allowlist.txt with a reason',
  });
}
