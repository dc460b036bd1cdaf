import { comparePrerelease, compareVersions, parseVersion, type SemVer } from './version.js';

/**
 * Masterminds/semver v3 constraints (`constraints.go`), ported line by line
 * because Helm checks `kubeVersion` and chart versions with them and the npm
 * `semver` package reads the same strings differently: it has no comma AND
 * (`>=1.20, <1.32`), no `!=`, no `=<`/`=>`, and its rule for pre-release
 * versions (a comparator with the same major.minor.patch must name one) is
 * neither of Masterminds'.
 *
 * Two Masterminds versions matter and they differ in one rule, how a
 * pre-release *version* (e.g. `v1.31.4-eks-1`) is treated:
 * - `3.3` (v3.3.0; Helm 3.17 and 3.18, so Fleet v0.13.15 and the pinned
 *   binary): each constraint admits pre-release versions only if its own
 *   version has a pre-release (`>=1.23.0-0 <1.32.0` rejects 1.31.4-eks-1,
 *   because `<1.32.0` has none).
 * - `3.4` (v3.4.0; Helm 3.19, so helm-controller v0.16.16's klipper-helm):
 *   one constraint with a pre-release opens the whole AND group
 *   (`containsPre`), so the same range admits 1.31.4-eks-1.
 */
export type MastermindsVersion = '3.3' | '3.4';

interface Constraint {
  /** The version in the constraint, x/X/* and missing parts set to 0. */
  readonly con: SemVer;
  /** The version text as written (after the operator). */
  readonly orig: string;
  /** The operator as written ('' for none). */
  readonly op: string;
  readonly dirty: boolean;
  readonly minorDirty: boolean;
  readonly patchDirty: boolean;
}

/** A parsed constraint string: OR groups of AND constraints. */
export interface Constraints {
  readonly groups: readonly (readonly Constraint[])[];
}

// Go's RE2 \s is [\t\n\f\r ]; JavaScript's \s is wider, so spell RE2's out.
const S = '[\\t\\n\\f\\r ]';
// cvRegex: note the literal `|` inside the classes, as in the Go source.
const CV =
  '(?:v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?)';
// cvRegex without capture groups, for the regexes whose groups are not read.
const CV_PLAIN = CV.replace(/\((?!\?)/g, '(?:');
const OPS = '=||!=|>|<|>=|=>|<=|=<|~|~>|\\^';

// constraintRegex: `^\s*(ops)\s*(cvRegex)\s*$`; groups 1 operator, 2 version, 3..5 its parts, 7 pre-release.
const CONSTRAINT = new RegExp(`^${S}*(${OPS})${S}*(v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?)${S}*$`);
// constraintRangeRegex: `\s*(cv)\s+-\s+(cv)\s*`.
const RANGE = new RegExp(`${S}*(${CV_PLAIN})${S}+-${S}+(${CV_PLAIN})${S}*`, 'g');
// findConstraintRegex: `(ops)\s*(cv)`.
const FIND = new RegExp(`(?:${OPS})${S}*${CV_PLAIN}`, 'g');
// validConstraintRegex: the first constraint, then more separated by spaces or a comma.
const VALID = new RegExp(`^(?:${S}*(?:${OPS})${S}*${CV_PLAIN}${S}*)(?:(?:${S}+|,${S}*)(?:${OPS})${S}*${CV_PLAIN}${S}*)*$`);

function isX(text: string): boolean {
  return text === 'x' || text === '*' || text === 'X';
}

/** rewriteRange: each `a - b` becomes `>= a, <= b `. */
function rewriteRange(text: string): string {
  let out = text;
  for (const m of text.matchAll(RANGE)) out = out.replace(m[0], `>= ${m[1]}, <= ${m[2]} `);
  return out;
}

/** parseConstraint: undefined where Go returns an error. */
function parseConstraint(text: string): Constraint | undefined {
  if (text.length === 0) {
    // The empty constraint is `>=0.0.0` in disguise: origfunc '' and dirty.
    return { con: parseVersion('0.0.0')!, orig: '', op: '', dirty: true, minorDirty: false, patchDirty: false };
  }
  const m = CONSTRAINT.exec(text);
  if (!m) return undefined;
  const [, op = '', orig = '', major = '', minorPart = '', patchPart = '', preWithDash = ''] = m;
  let version = orig;
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  if (isX(major) || major === '') {
    version = `0.0.0${preWithDash}`;
    dirty = true;
  } else if (isX(minorPart.replace(/^\./, '')) || minorPart === '') {
    minorDirty = true;
    dirty = true;
    version = `${major}.0.0${preWithDash}`;
  } else if (isX(patchPart.replace(/^\./, '')) || patchPart === '') {
    dirty = true;
    patchDirty = true;
    version = `${major}${minorPart}.0${preWithDash}`;
  }
  const con = parseVersion(version);
  return con ? { con, orig, op, dirty, minorDirty, patchDirty } : undefined;
}

/** NewConstraint: the constraints, or undefined where Go returns an error. */
export function parseConstraints(text: string): Constraints | undefined {
  const groups: Constraint[][] = [];
  for (const group of rewriteRange(text).split('||')) {
    if (!VALID.test(group)) return undefined;
    const found = group.match(FIND) ?? [group];
    const parsed: Constraint[] = [];
    for (const item of found) {
      const constraint = parseConstraint(item);
      if (!constraint) return undefined;
      parsed.push(constraint);
    }
    groups.push(parsed);
  }
  return { groups };
}

const lessThan = (a: SemVer, b: SemVer) => compareVersions(a, b) < 0;

function tilde(v: SemVer, c: Constraint): boolean {
  if (lessThan(v, c.con)) return false;
  if (c.con.major === 0n && c.con.minor === 0n && c.con.patch === 0n && !c.minorDirty && !c.patchDirty) return true;
  if (v.major !== c.con.major) return false;
  if (v.minor !== c.con.minor && !c.minorDirty) return false;
  return true;
}

function notEqual(v: SemVer, c: Constraint): boolean {
  if (c.dirty) {
    if (c.con.major !== v.major) return true;
    if (c.con.minor !== v.minor && !c.minorDirty) return true;
    if (c.minorDirty) return false;
    if (c.con.patch !== v.patch && !c.patchDirty) return true;
    if (c.patchDirty) {
      if (v.pre !== '' || c.con.pre !== '') {
        // comparePrerelease on the raw strings, as the Go code does.
        return comparePrerelease(v.pre, c.con.pre) !== 0;
      }
      return false;
    }
  }
  return compareVersions(v, c.con) !== 0;
}

function greaterThan(v: SemVer, c: Constraint): boolean {
  if (!c.dirty) return compareVersions(v, c.con) === 1;
  if (v.major > c.con.major) return true;
  if (v.major < c.con.major) return false;
  if (c.minorDirty) return false;
  if (c.patchDirty) return v.minor > c.con.minor;
  return compareVersions(v, c.con) === 1;
}

function lessThanEqual(v: SemVer, c: Constraint): boolean {
  if (!c.dirty) return compareVersions(v, c.con) <= 0;
  if (v.major > c.con.major) return false;
  if (v.major === c.con.major && v.minor > c.con.minor && !c.minorDirty) return false;
  return true;
}

function caret(v: SemVer, c: Constraint): boolean {
  if (lessThan(v, c.con)) return false;
  if (c.con.major > 0n || c.minorDirty) return v.major === c.con.major;
  if (c.con.major === 0n && v.major > 0n) return false;
  if (c.con.minor > 0n || c.patchDirty) return v.minor === c.con.minor;
  if (c.con.minor === 0n && v.minor > 0n) return false;
  return c.con.patch === v.patch;
}

/** constraintOps: the check each operator runs once pre-releases are settled. */
const OPERATORS: Record<string, (v: SemVer, c: Constraint) => boolean> = {
  '': (v, c) => (c.dirty ? tilde(v, c) : compareVersions(v, c.con) === 0),
  '=': (v, c) => (c.dirty ? tilde(v, c) : compareVersions(v, c.con) === 0),
  '!=': notEqual,
  '>': greaterThan,
  '<': (v, c) => compareVersions(v, c.con) < 0,
  '>=': (v, c) => compareVersions(v, c.con) >= 0,
  '=>': (v, c) => compareVersions(v, c.con) >= 0,
  '<=': lessThanEqual,
  '=<': lessThanEqual,
  '~': tilde,
  '~>': tilde,
  '^': caret,
};

/**
 * Whether a pre-release version may pass this constraint at all. v3.3.0: only
 * when the constraint's own version has a pre-release, except that `!=` asks
 * only when dirty (constraintNotEqual checks inside `if c.dirty`). v3.4.0:
 * when any constraint of the AND group has one, for every operator.
 */
function admitsPrerelease(c: Constraint, group: readonly Constraint[], semantics: MastermindsVersion): boolean {
  if (semantics === '3.4') return group.some((item) => item.con.pre !== '');
  if (c.op === '!=' && !c.dirty) return true;
  return c.con.pre !== '';
}

/** Constraints.Check: some OR group whose every constraint passes. */
export function checkConstraints(constraints: Constraints, v: SemVer, semantics: MastermindsVersion): boolean {
  return constraints.groups.some((group) =>
    group.every((c) => (v.pre !== '' && !admitsPrerelease(c, group, semantics) ? false : OPERATORS[c.op]!(v, c))),
  );
}
