/**
 * Readers that accept a report only if it is well-formed in its format, for
 * the specifications of every format (this package's tests, check's and
 * validate's). Each returns what it read back, so a test can compare that
 * with what went in. They are deliberately strict: only the elements,
 * attributes, lines and fields the formats define.
 */

/** A JUnit document read back: attributes of each element, decoded, and the text of failures and errors. */
export interface JunitRead {
  testsuites: Record<string, string>;
  suites: Array<{ attributes: Record<string, string>; cases: Array<{ attributes: Record<string, string>; outcome?: { element: string; attributes: Record<string, string>; text: string } }> }>;
}

/**
 * kubeconform's fixtures/junit.xsd (v0.7.0), restated: the attributes each
 * element may carry. An attribute outside these fails `xmllint --schema`.
 */
export const JUNIT_ATTRIBUTES: Record<string, readonly string[]> = {
  testsuites: ['name', 'time', 'tests', 'failures', 'disabled', 'errors'],
  testsuite: ['name', 'tests', 'failures', 'errors', 'time', 'disabled', 'skipped', 'timestamp', 'hostname', 'id', 'package'],
  testcase: ['name', 'assertions', 'time', 'classname', 'status'],
  failure: ['type', 'message'],
  error: ['type', 'message'],
  skipped: [],
};

// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#(\d+)|#x([0-9a-f]+));/gi, (_, name: string, decimal?: string, hex?: string) => {
    if (decimal) return String.fromCodePoint(Number(decimal));
    if (hex) return String.fromCodePoint(Number.parseInt(hex, 16));
    return ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[name] ?? '';
  });
}

/**
 * Reads JUnit XML as an XML 1.0 parser would, for the subset JUnit uses: the
 * declaration, elements nested testsuites > testsuite > testcase >
 * failure|error|skipped, attributes in double quotes holding no `<`, every
 * `&` a reference, no character XML forbids. Throws on anything else.
 */
export function readJunit(xml: string): JunitRead {
  if (XML_FORBIDDEN.test(xml)) throw new Error('a character XML 1.0 forbids');
  if (/&(?!(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(xml)) throw new Error('a bare &');
  if (!xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')) throw new Error('no XML declaration');
  const body = xml.slice('<?xml version="1.0" encoding="UTF-8"?>\n'.length);
  const parents: Record<string, string> = { testsuites: '', testsuite: 'testsuites', testcase: 'testsuite', failure: 'testcase', error: 'testcase', skipped: 'testcase' };
  const stack: string[] = [];
  const read: JunitRead = { testsuites: {}, suites: [] };
  let roots = 0;
  for (const [token] of body.matchAll(/<[^>]*>|[^<]+/g)) {
    if (!token.startsWith('<')) {
      const inside = stack.at(-1);
      if (inside === 'failure' || inside === 'error') {
        const outcome = read.suites.at(-1)?.cases.at(-1)?.outcome;
        if (outcome) outcome.text += decodeXml(token);
      } else if (token.trim() !== '') throw new Error(`text outside failure or error: ${JSON.stringify(token)}`);
      continue;
    }
    const close = /^<\/([a-z]+)>$/.exec(token);
    if (close) {
      if (stack.pop() !== close[1]) throw new Error(`unbalanced </${close[1]}>`);
      continue;
    }
    const open = /^<([a-z]+)((?: [a-z]+="[^"<]*")*)(\/?)>$/.exec(token);
    if (!open) throw new Error(`not a tag: ${JSON.stringify(token)}`);
    const [, name = '', attributeText = '', selfClosing] = open;
    if (!(name in parents) || parents[name] !== (stack.at(-1) ?? '')) throw new Error(`<${name}> inside <${stack.at(-1) ?? ''}>`);
    const attributes: Record<string, string> = {};
    for (const [, key = '', value = ''] of attributeText.matchAll(/ ([a-z]+)="([^"]*)"/g)) {
      if (!JUNIT_ATTRIBUTES[name]?.includes(key)) throw new Error(`attribute ${key} on <${name}>`);
      if (key in attributes) throw new Error(`attribute ${key} twice on <${name}>`);
      attributes[key] = decodeXml(value);
    }
    if (name === 'testsuites') {
      roots += 1;
      read.testsuites = attributes;
    } else if (name === 'testsuite') read.suites.push({ attributes, cases: [] });
    else if (name === 'testcase') read.suites.at(-1)?.cases.push({ attributes });
    else {
      const testCase = read.suites.at(-1)?.cases.at(-1);
      if (!testCase || testCase.outcome) throw new Error(`a second outcome in one testcase`);
      testCase.outcome = { element: name, attributes, text: '' };
    }
    if (!selfClosing) stack.push(name);
  }
  if (stack.length > 0 || roots !== 1 || !xml.endsWith('</testsuites>\n')) throw new Error('not one closed testsuites element');
  return read;
}

/** A TAP 13 test point read back. */
export interface TapPoint {
  ok: boolean;
  number: number;
  description: string;
  skip: boolean;
}

/** The inverse of tapText: `\\` → `\`, `\#` → `#`, `\n`, `\r`, `\t`, `\uXXXX` → the character. */
export function unTap(text: string): string {
  return text.replace(/\\(\\|#|n|r|t|u[0-9a-f]{4})/g, (_, escape: string) => {
    if (escape.length > 1) return String.fromCharCode(Number.parseInt(escape.slice(1), 16));
    return ({ n: '\n', r: '\r', t: '\t' } as Record<string, string>)[escape] ?? escape;
  });
}

/**
 * Reads TAP version 13 as a TAP consumer would: the version line, test
 * points numbered 1 to N in order, exactly one plan `1..N` (first or last),
 * comments; no other line. A `#` in a description must be escaped, or the
 * consumer would read a directive; the only directive is a trailing `# skip`.
 */
export function readTap(tap: string): { points: TapPoint[]; comments: string[] } {
  if (!tap.endsWith('\n')) throw new Error('no final newline');
  const lines = tap.slice(0, -1).split('\n');
  if (lines[0] !== 'TAP version 13') throw new Error('no version line');
  const points: TapPoint[] = [];
  const comments: string[] = [];
  const plans: number[] = [];
  lines.slice(1).forEach((line, index) => {
    const plan = /^1\.\.(\d+)$/.exec(line);
    if (plan) {
      // Before every test point or after all of them (only comments may follow).
      if (index !== 0 && lines.slice(index + 2).some((rest) => !rest.startsWith('# '))) throw new Error('plan neither first nor last');
      plans.push(Number(plan[1]));
      return;
    }
    if (line.startsWith('# ')) {
      comments.push(unTap(line.slice(2)));
      return;
    }
    const point = /^(ok|not ok) (\d+) - ((?:[^#\\]|\\.)*?)( # skip)?$/.exec(line);
    if (!point) throw new Error(`not a TAP line: ${JSON.stringify(line)}`);
    points.push({ ok: point[1] === 'ok', number: Number(point[2]), description: unTap(point[3] ?? ''), skip: point[4] !== undefined });
  });
  if (plans.length !== 1 || plans[0] !== points.length) throw new Error(`plan ${plans.join(',')} for ${points.length} points`);
  points.forEach((point, index) => {
    if (point.number !== index + 1) throw new Error(`point ${point.number} at position ${index + 1}`);
  });
  if (/[\r\u0085\u2028\u2029]/.test(tap)) throw new Error('a character some reader takes as a line break');
  return { points, comments };
}

/** The fields GitLab's code-quality report requires of each issue, and no others. */
export interface CodeQualityRead {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number } };
}

/**
 * Reads a code-quality report as GitLab does (docs.gitlab.com/ci/testing/
 * code_quality, "Code Quality report format"): a JSON array of issues, each
 * with a string description, check_name and fingerprint, a severity among
 * info, minor, major, critical and blocker, and location.path with a
 * positive integer location.lines.begin; fingerprints unique (GitLab shows
 * only the first issue of a fingerprint).
 */
export function readCodeQuality(json: string): CodeQualityRead[] {
  const issues = JSON.parse(json) as unknown;
  if (!Array.isArray(issues)) throw new Error('not an array');
  const exact = (value: unknown, keys: string[], where: string) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${where} is not an object`);
    const found = Object.keys(value).sort();
    if (found.join() !== [...keys].sort().join()) throw new Error(`${where} has keys ${found.join(', ')}`);
    return value as Record<string, unknown>;
  };
  const fingerprints = new Set<string>();
  for (const [index, issue] of issues.entries()) {
    const fields = exact(issue, ['description', 'check_name', 'fingerprint', 'severity', 'location'], `issue ${index}`);
    for (const key of ['description', 'check_name', 'fingerprint'] as const) if (typeof fields[key] !== 'string' || fields[key] === '') throw new Error(`issue ${index}: ${key} is not a non-empty string`);
    if (!['info', 'minor', 'major', 'critical', 'blocker'].includes(fields.severity as string)) throw new Error(`issue ${index}: severity ${String(fields.severity)}`);
    const where = exact(fields.location, ['path', 'lines'], `issue ${index} location`);
    if (typeof where.path !== 'string' || where.path === '') throw new Error(`issue ${index}: no path`);
    const lines = exact(where.lines, ['begin'], `issue ${index} lines`);
    if (!Number.isInteger(lines.begin) || (lines.begin as number) < 1) throw new Error(`issue ${index}: begin ${String(lines.begin)}`);
    if (fingerprints.has(fields.fingerprint as string)) throw new Error(`issue ${index}: fingerprint repeated`);
    fingerprints.add(fields.fingerprint as string);
  }
  return issues as CodeQualityRead[];
}
