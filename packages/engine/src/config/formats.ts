import { gitUrlProblem } from '../secrets/rules/git-url.js';

/**
 * String formats the config uses, written out here so validation needs no
 * extra package and says exactly what it accepts.
 */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

export const formats: Record<string, (value: string) => boolean> = {
  'dns-label': (value) => DNS_LABEL.test(value),
  'dns-subdomain': (value) => value.length <= 253 && value.split('.').every((part) => DNS_LABEL.test(part)),
  hostname: (value) =>
    value.length <= 253 && value.includes('.') && value.split('.').every((part) => /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(part)),
  ipv4: (value) => ipv4Octets(value) !== undefined,
  // A load balancer answers on a unicast address: 0.0.0.0/8 ("this network"), loopback, link-local,
  // multicast and the reserved 240/4 block (broadcast included) never reach it from outside.
  'unicast-ipv4': (value) => {
    const octets = ipv4Octets(value);
    if (!octets) return false;
    const [first = 0, second = 0] = octets;
    return first !== 0 && first !== 127 && first < 224 && !(first === 169 && second === 254);
  },
  email: (value) => /^[^\s@]+@[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/i.test(value),
  'git-url': (value) =>
    (/^(https?|ssh|git):\/\/[^\s/]+\/\S+$/.test(value) || /^[a-z0-9._-]+@[^\s:]+:\S+$/i.test(value)) && gitUrlProblem(value) === undefined,
  // git check-ref-format, for a single branch name.
  'git-branch': (value) =>
    value.length > 0 &&
    !/[\s~^:?*[\\\x00-\x1f\x7f]/.test(value) &&
    !value.includes('..') &&
    !value.includes('@{') &&
    !value.includes('//') &&
    !/^[/.-]|[/.]$|\.lock$|\/\./.test(value) &&
    value !== '@',
  // Kubernetes label syntax (apimachinery validation.IsQualifiedName / IsValidLabelValue).
  'label-key': (value) => {
    const slash = value.lastIndexOf('/');
    const [prefix, name] = slash < 0 ? [undefined, value] : [value.slice(0, slash), value.slice(slash + 1)];
    if (prefix !== undefined && !(prefix.length <= 253 && prefix.split('.').every((part) => DNS_LABEL.test(part)))) return false;
    return LABEL_NAME.test(name);
  },
  'label-value': (value) => value === '' || LABEL_NAME.test(value),
  // Go's time.ParseDuration units; Kubernetes and Fleet reject d and w.
  'go-duration': (value) => goDurationSeconds(value) !== undefined,
  // Fleet polls every 15 s when the interval is unset or 0 (gitjob's default), so less is meaningless and
  // hammers the git server; beyond a day Fleet has in effect stopped following the branch.
  'polling-interval': (value) => {
    const seconds = goDurationSeconds(value);
    return seconds !== undefined && seconds >= 15 && seconds <= 24 * 3600;
  },
};

/** Namespaces that are never a Fleet workspace: Kubernetes' own, and Fleet's controller namespace. */
export const RESERVED_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease', 'cattle-fleet-system'] as const;

function ipv4Octets(value: string): number[] | undefined {
  const parts = value.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^(0|[1-9][0-9]{0,2})$/.test(part) && Number(part) <= 255)) return undefined;
  return parts.map(Number);
}

const GO_UNITS: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, μs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
/** Go's longest time.Duration: 2^63-1 ns, about 292 years; time.ParseDuration refuses anything longer. */
const GO_MAX_SECONDS = 9_223_372_036.854775807;

/** Seconds in a Go duration string (time.ParseDuration's grammar), or undefined when Go would refuse it. */
export function goDurationSeconds(value: string): number | undefined {
  if (value === '0') return 0;
  if (!/^([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|μs|ms|s|m|h)(([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))*$/.test(value)) return undefined;
  let seconds = 0;
  for (const match of value.matchAll(/([0-9.]+)(ns|us|µs|μs|ms|s|m|h)/g)) seconds += Number(match[1]) * (GO_UNITS[match[2] ?? ''] ?? Number.NaN);
  return Number.isFinite(seconds) && seconds <= GO_MAX_SECONDS ? seconds : undefined;
}
