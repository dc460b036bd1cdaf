import { gitUrlProblem } from '../secrets/rules/git-url.js';

/**
 * String formats the config uses, written out here so validation needs no
 * extra package and says exactly what it accepts.
 */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export const formats: Record<string, (value: string) => boolean> = {
  'dns-label': (value) => DNS_LABEL.test(value),
  'dns-subdomain': (value) => value.length <= 253 && value.split('.').every((part) => DNS_LABEL.test(part)),
  hostname: (value) =>
    value.length <= 253 && value.includes('.') && value.split('.').every((part) => /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(part)),
  ipv4: (value) => {
    const parts = value.split('.');
    return parts.length === 4 && parts.every((part) => /^(0|[1-9][0-9]{0,2})$/.test(part) && Number(part) <= 255);
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
  // Go's time.ParseDuration units; Kubernetes and Fleet reject d and w.
  'go-duration': (value) => value === '0' || /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/.test(value),
};
