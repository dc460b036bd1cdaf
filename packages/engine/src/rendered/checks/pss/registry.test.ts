import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../objects.js';
import type { PodSecurityLevel, PodView } from './policy.js';
import { evaluatePod, NEWEST_POLICY_MINOR, POLICY_CHECKS, policyMinor, strictestPassingLevel } from './registry.js';

/**
 * The Pod Security Standards as a table of pods and the strictest level
 * each passes, built from the upstream definitions in
 * k8s.io/pod-security-admission v0.36.2, not from this code: the minimal
 * valid pods of test/fixtures.go, and for each check the pass and fail
 * tweaks of its test/fixtures_<check>.go, with the failing check ids its
 * fixtureKey names. A baseline fail tweak of the minimal baseline pod makes
 * it privileged; a restricted fail tweak of the minimal restricted pod makes
 * it baseline.
 */

type Tweak = (pod: { metadata: KubeObject; spec: KubeObject & { containers: KubeObject[]; initContainers: KubeObject[] } }) => void;

/** fixtures.go baseline_1_0: one init container and one container, nothing else. */
function baselinePod(tweak: Tweak = () => {}): PodView {
  const pod = { metadata: {} as KubeObject, spec: { initContainers: [{ name: 'initcontainer1', image: 'registry.k8s.io/pause' }], containers: [{ name: 'container1', image: 'registry.k8s.io/pause' }] } as KubeObject & { containers: KubeObject[]; initContainers: KubeObject[] } };
  tweak(pod);
  return pod;
}

/** fixtures.go restricted_1_22: baseline plus pod runAsNonRoot and RuntimeDefault seccomp, each container allowPrivilegeEscalation=false and drop ALL. */
function restrictedPod(tweak: Tweak = () => {}): PodView {
  return baselinePod((pod) => {
    pod.spec.securityContext = { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };
    for (const container of [...pod.spec.initContainers, ...pod.spec.containers]) container.securityContext = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };
    tweak(pod);
  });
}

/** fixtures.go restricted_1_19: restricted_1_22 before drop ALL was required. */
function restricted119Pod(): PodView {
  return restrictedPod((pod) => {
    for (const container of [...pod.spec.initContainers, ...pod.spec.containers]) container.securityContext = { allowPrivilegeEscalation: false };
  });
}

const sc = (container: KubeObject): KubeObject => (container.securityContext ??= {}) as KubeObject;
const podSc = (pod: Parameters<Tweak>[0]): KubeObject => (pod.spec.securityContext ??= {}) as KubeObject;
const first = (pod: Parameters<Tweak>[0]) => pod.spec.containers[0] as KubeObject;
const firstInit = (pod: Parameters<Tweak>[0]) => pod.spec.initContainers[0] as KubeObject;

interface Row {
  readonly pod: PodView;
  readonly minor: number;
  readonly level: PodSecurityLevel;
  /** The checks that fail at the next stricter level, as the upstream fixture names them (none when the pod is restricted). */
  readonly fails: readonly string[];
}

const ALL_RESTRICTED_FIELDS = ['allowPrivilegeEscalation', 'capabilities_restricted', 'runAsNonRoot', 'seccompProfile_restricted'];

const TABLE: Record<string, Row> = {
  // fixtures.go: the minimal pods.
  'minimal baseline pod': { pod: baselinePod(), minor: 31, level: 'baseline', fails: ALL_RESTRICTED_FIELDS },
  'minimal restricted pod': { pod: restrictedPod(), minor: 31, level: 'restricted', fails: [] },
  'restricted_1_19 pod at 1.21, before drop ALL was required': { pod: restricted119Pod(), minor: 21, level: 'restricted', fails: [] },
  'restricted_1_19 pod at 1.22, where drop ALL is required': { pod: restricted119Pod(), minor: 22, level: 'baseline', fails: ['capabilities_restricted'] },
  'Windows pod with only runAsNonRoot at 1.25 (restricted_1_25_windows)': { pod: baselinePod((pod) => Object.assign(pod.spec, { os: { name: 'windows' }, securityContext: { runAsNonRoot: true } })), minor: 25, level: 'restricted', fails: [] },
  'Windows pod with only runAsNonRoot at 1.24, before the Windows exemption': {
    pod: baselinePod((pod) => Object.assign(pod.spec, { os: { name: 'windows' }, securityContext: { runAsNonRoot: true } })),
    minor: 24,
    level: 'baseline',
    fails: ['allowPrivilegeEscalation', 'capabilities_restricted', 'seccompProfile_restricted'],
  },
  'Linux pod with only runAsNonRoot at 1.25 (no exemption)': { pod: baselinePod((pod) => Object.assign(pod.spec, { os: { name: 'linux' }, securityContext: { runAsNonRoot: true } })), minor: 25, level: 'baseline', fails: ['allowPrivilegeEscalation', 'capabilities_restricted', 'seccompProfile_restricted'] },

  // fixtures_hostNamespaces.go
  hostNetwork: { pod: baselinePod((pod) => (pod.spec.hostNetwork = true)), minor: 31, level: 'privileged', fails: ['hostNamespaces'] },
  hostPID: { pod: baselinePod((pod) => (pod.spec.hostPID = true)), minor: 31, level: 'privileged', fails: ['hostNamespaces'] },
  hostIPC: { pod: baselinePod((pod) => (pod.spec.hostIPC = true)), minor: 31, level: 'privileged', fails: ['hostNamespaces'] },
  'hostNetwork false is allowed': { pod: restrictedPod((pod) => (pod.spec.hostNetwork = false)), minor: 31, level: 'restricted', fails: [] },

  // fixtures_privileged.go
  'privileged container': { pod: baselinePod((pod) => (sc(first(pod)).privileged = true)), minor: 31, level: 'privileged', fails: ['privileged'] },
  'privileged init container': { pod: baselinePod((pod) => (sc(firstInit(pod)).privileged = true)), minor: 31, level: 'privileged', fails: ['privileged'] },
  'privileged ephemeral container (visitContainers reads them too)': { pod: baselinePod((pod) => (pod.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox:1.36', securityContext: { privileged: true } }])), minor: 31, level: 'privileged', fails: ['privileged'] },
  'privileged false is allowed': { pod: restrictedPod((pod) => (sc(first(pod)).privileged = false)), minor: 31, level: 'restricted', fails: [] },

  // fixtures_capabilities_baseline.go
  'capabilities add NET_RAW': { pod: baselinePod((pod) => (sc(first(pod)).capabilities = { add: ['NET_RAW'] })), minor: 31, level: 'privileged', fails: ['capabilities_baseline'] },
  'capabilities add NET_RAW in an init container': { pod: baselinePod((pod) => (sc(firstInit(pod)).capabilities = { add: ['NET_RAW'] })), minor: 31, level: 'privileged', fails: ['capabilities_baseline'] },
  'capabilities add in lower case': { pod: baselinePod((pod) => (sc(first(pod)).capabilities = { add: ['chown'] })), minor: 31, level: 'privileged', fails: ['capabilities_baseline'] },
  'capabilities add with CAP_ prefix': { pod: baselinePod((pod) => (sc(first(pod)).capabilities = { add: ['CAP_CHOWN'] })), minor: 31, level: 'privileged', fails: ['capabilities_baseline'] },
  'capabilities add, the whole default set': {
    pod: baselinePod((pod) => (sc(first(pod)).capabilities = { add: ['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'] })),
    minor: 31,
    level: 'baseline',
    fails: ALL_RESTRICTED_FIELDS,
  },

  // fixtures_capabilities_restricted.go
  'restricted pod dropping nothing': { pod: restrictedPod((pod) => (sc(first(pod)).capabilities = { drop: [] })), minor: 31, level: 'baseline', fails: ['capabilities_restricted'] },
  'restricted pod whose init container drops nothing': { pod: restrictedPod((pod) => (sc(firstInit(pod)).capabilities = { drop: [] })), minor: 31, level: 'baseline', fails: ['capabilities_restricted'] },
  'restricted pod dropping every capability by name but not ALL': {
    pod: restrictedPod((pod) => (sc(first(pod)).capabilities = { drop: ['SYS_ADMIN', 'NET_RAW', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETUID', 'SETGID', 'KILL', 'NET_BIND_SERVICE'] })),
    minor: 31,
    level: 'baseline',
    fails: ['capabilities_restricted'],
  },
  'restricted pod adding back a default capability other than NET_BIND_SERVICE': { pod: restrictedPod((pod) => (sc(first(pod)).capabilities = { drop: ['ALL'], add: ['CHOWN'] })), minor: 31, level: 'baseline', fails: ['capabilities_restricted'] },
  'restricted pod adding NET_BIND_SERVICE': { pod: restrictedPod((pod) => (sc(first(pod)).capabilities = { drop: ['ALL'], add: ['NET_BIND_SERVICE'] })), minor: 31, level: 'restricted', fails: [] },

  // fixtures_hostPathVolumes.go and fixtures_restrictedVolumes.go
  'hostPath volume': { pod: baselinePod((pod) => (pod.spec.volumes = [{ name: 'host', hostPath: { path: '/var/lib/longhorn' } }])), minor: 31, level: 'privileged', fails: ['hostPathVolumes'] },
  'hostPath volume on an otherwise restricted pod': { pod: restrictedPod((pod) => (pod.spec.volumes = [{ name: 'host', hostPath: { path: '/dev' } }])), minor: 31, level: 'privileged', fails: ['hostPathVolumes'] },
  'nfs volume': { pod: restrictedPod((pod) => (pod.spec.volumes = [{ name: 'share', nfs: { server: 'nfs.example.com', path: '/exports' } }])), minor: 31, level: 'baseline', fails: ['restrictedVolumes'] },
  'iscsi, rbd and gitRepo volumes': {
    pod: restrictedPod((pod) => (pod.spec.volumes = [{ name: 'a', iscsi: { targetPortal: '10.0.0.1:3260', iqn: 'iqn.x', lun: 0 } }, { name: 'b', rbd: { monitors: ['m'], image: 'i' } }, { name: 'c', gitRepo: { repository: 'https://x' } }])),
    minor: 31,
    level: 'baseline',
    fails: ['restrictedVolumes'],
  },
  'every allowed volume type, and one with no source (defaulted to emptyDir)': {
    pod: restrictedPod(
      (pod) =>
        (pod.spec.volumes = [
          { name: 'volume0' },
          { name: 'volume1', emptyDir: {} },
          { name: 'volume2', secret: { secretName: 'test' } },
          { name: 'volume3', persistentVolumeClaim: { claimName: 'test' } },
          { name: 'volume4', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
          { name: 'volume5', configMap: { name: 'test' } },
          { name: 'volume6', projected: { sources: [] } },
          { name: 'volume7', csi: { driver: 'inline.storage.kubernetes.io' } },
          { name: 'volume8', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'] } } } },
          { name: 'volume9', image: { reference: 'registry.k8s.io/pause:3.10' } },
        ]),
    ),
    minor: 31,
    level: 'restricted',
    fails: [],
  },

  // fixtures_hostPorts.go
  'hostPort 8080': { pod: baselinePod((pod) => (first(pod).ports = [{ containerPort: 8080, hostPort: 8080 }])), minor: 31, level: 'privileged', fails: ['hostPorts'] },
  'hostPort on an init container': { pod: baselinePod((pod) => (firstInit(pod).ports = [{ containerPort: 53, hostPort: 53 }])), minor: 31, level: 'privileged', fails: ['hostPorts'] },
  'hostPort 0 is no host port': { pod: restrictedPod((pod) => (first(pod).ports = [{ containerPort: 8080, hostPort: 0 }])), minor: 31, level: 'restricted', fails: [] },

  // fixtures_appArmorProfile.go and the 1.30 profile fields it also covers
  'AppArmor annotation unconfined': { pod: baselinePod((pod) => (pod.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/container1': 'unconfined' })), minor: 31, level: 'privileged', fails: ['appArmorProfile'] },
  'AppArmor annotations runtime/default and localhost/foo': {
    pod: restrictedPod((pod) => (pod.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/container1': 'runtime/default', 'container.apparmor.security.beta.kubernetes.io/initcontainer1': 'localhost/foo' })),
    minor: 31,
    level: 'restricted',
    fails: [],
  },
  'AppArmor profile type Unconfined on a container': { pod: baselinePod((pod) => (sc(first(pod)).appArmorProfile = { type: 'Unconfined' })), minor: 31, level: 'privileged', fails: ['appArmorProfile'] },
  'AppArmor profile type Localhost on the pod': { pod: restrictedPod((pod) => (podSc(pod).appArmorProfile = { type: 'Localhost', localhostProfile: 'k8s-apparmor' })), minor: 31, level: 'restricted', fails: [] },

  // fixtures_seLinuxOptions.go
  'SELinux type out of bounds on the pod': { pod: baselinePod((pod) => (podSc(pod).seLinuxOptions = { type: 'somevalue' })), minor: 31, level: 'privileged', fails: ['seLinuxOptions'] },
  'SELinux user set': { pod: baselinePod((pod) => (sc(firstInit(pod)).seLinuxOptions = { user: 'somevalue' })), minor: 31, level: 'privileged', fails: ['seLinuxOptions'] },
  'SELinux role set': { pod: baselinePod((pod) => (podSc(pod).seLinuxOptions = { role: 'somevalue' })), minor: 31, level: 'privileged', fails: ['seLinuxOptions'] },
  'SELinux container types and a level': { pod: restrictedPod((pod) => Object.assign(podSc(pod), { seLinuxOptions: { type: 'container_t' } }) && (sc(first(pod)).seLinuxOptions = { type: 'container_kvm_t', level: 's0:c1' })), minor: 31, level: 'restricted', fails: [] },
  'SELinux container_engine_t at 1.30': { pod: restrictedPod((pod) => (sc(first(pod)).seLinuxOptions = { type: 'container_engine_t' })), minor: 30, level: 'privileged', fails: ['seLinuxOptions'] },
  'SELinux container_engine_t at 1.31, which allows it': { pod: restrictedPod((pod) => (sc(first(pod)).seLinuxOptions = { type: 'container_engine_t' })), minor: 31, level: 'restricted', fails: [] },

  // fixtures_procMount.go
  'procMount Unmasked in a user namespace at 1.34': { pod: baselinePod((pod) => Object.assign(pod.spec, { hostUsers: false }) && (sc(first(pod)).procMount = 'Unmasked')), minor: 34, level: 'privileged', fails: ['procMount'] },
  'procMount Unmasked in a user namespace at 1.35, which baseline allows': {
    pod: restrictedPod((pod) => Object.assign(pod.spec, { hostUsers: false }) && (sc(first(pod)).procMount = 'Unmasked')),
    minor: 35,
    level: 'baseline',
    fails: ['procMount_restricted'],
  },
  'procMount Unmasked on the host at 1.35': { pod: baselinePod((pod) => Object.assign(pod.spec, { hostUsers: true }) && (sc(firstInit(pod)).procMount = 'Unmasked')), minor: 35, level: 'privileged', fails: ['procMount'] },
  'procMount Default': { pod: restrictedPod((pod) => (sc(first(pod)).procMount = 'Default')), minor: 35, level: 'restricted', fails: [] },

  // fixtures_seccompProfile_baseline.go and fixtures_seccompProfile_restricted.go
  'seccomp Unconfined on the pod': { pod: baselinePod((pod) => (podSc(pod).seccompProfile = { type: 'Unconfined' })), minor: 31, level: 'privileged', fails: ['seccompProfile_baseline'] },
  'seccomp Unconfined on a container of a restricted pod': { pod: restrictedPod((pod) => (sc(first(pod)).seccompProfile = { type: 'Unconfined' })), minor: 31, level: 'privileged', fails: ['seccompProfile_baseline'] },
  'seccomp unconfined annotation at 1.18': { pod: baselinePod((pod) => (pod.metadata.annotations = { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' })), minor: 18, level: 'privileged', fails: ['seccompProfile_baseline'] },
  'seccomp unconfined annotation at 1.19, where only the fields count': { pod: baselinePod((pod) => (pod.metadata.annotations = { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' })), minor: 19, level: 'baseline', fails: ['allowPrivilegeEscalation', 'runAsNonRoot', 'seccompProfile_restricted'] },
  // (capabilities_restricted starts at 1.22, so at 1.19 a pod need not drop ALL.)
  'seccomp RuntimeDefault on every container instead of the pod': {
    pod: restrictedPod((pod) => {
      podSc(pod).seccompProfile = undefined;
      sc(first(pod)).seccompProfile = { type: 'RuntimeDefault' };
      sc(firstInit(pod)).seccompProfile = { type: 'Localhost', localhostProfile: 'profile.json' };
    }),
    minor: 31,
    level: 'restricted',
    fails: [],
  },
  'seccomp on one container only': {
    pod: restrictedPod((pod) => {
      podSc(pod).seccompProfile = undefined;
      sc(first(pod)).seccompProfile = { type: 'RuntimeDefault' };
    }),
    minor: 31,
    level: 'baseline',
    fails: ['seccompProfile_restricted'],
  },

  // fixtures_sysctls.go
  'a sysctl outside the safe set': { pod: baselinePod((pod) => (podSc(pod).sysctls = [{ name: 'othersysctl', value: 'other' }])), minor: 31, level: 'privileged', fails: ['sysctls'] },
  'the 1.0 safe sysctls': {
    pod: restrictedPod(
      (pod) =>
        (podSc(pod).sysctls = [
          { name: 'kernel.shm_rmid_forced', value: '0' },
          { name: 'net.ipv4.ip_local_port_range', value: '1024 65535' },
          { name: 'net.ipv4.tcp_syncookies', value: '0' },
          { name: 'net.ipv4.ping_group_range', value: '1 0' },
          { name: 'net.ipv4.ip_unprivileged_port_start', value: '1024' },
        ]),
    ),
    minor: 20,
    level: 'restricted',
    fails: [],
  },
  'net.ipv4.ip_local_reserved_ports at 1.26': { pod: restrictedPod((pod) => (podSc(pod).sysctls = [{ name: 'net.ipv4.ip_local_reserved_ports', value: '1024-4999' }])), minor: 26, level: 'privileged', fails: ['sysctls'] },
  'net.ipv4.ip_local_reserved_ports at 1.27': { pod: restrictedPod((pod) => (podSc(pod).sysctls = [{ name: 'net.ipv4.ip_local_reserved_ports', value: '1024-4999' }])), minor: 27, level: 'restricted', fails: [] },
  'net.ipv4.tcp_keepalive_time at 1.29': { pod: restrictedPod((pod) => (podSc(pod).sysctls = [{ name: 'net.ipv4.tcp_keepalive_time', value: '7200' }])), minor: 29, level: 'restricted', fails: [] },
  'net.ipv4.tcp_rmem at 1.31': { pod: restrictedPod((pod) => (podSc(pod).sysctls = [{ name: 'net.ipv4.tcp_rmem', value: '4096 87380 16777216' }])), minor: 31, level: 'privileged', fails: ['sysctls'] },
  'net.ipv4.tcp_rmem at 1.32': { pod: restrictedPod((pod) => (podSc(pod).sysctls = [{ name: 'net.ipv4.tcp_rmem', value: '4096 87380 16777216' }])), minor: 32, level: 'restricted', fails: [] },

  // fixtures_windowsHostProcess.go
  'Windows HostProcess pod': { pod: baselinePod((pod) => (podSc(pod).windowsOptions = { hostProcess: true })), minor: 31, level: 'privileged', fails: ['windowsHostProcess'] },
  'Windows HostProcess container': { pod: baselinePod((pod) => (sc(first(pod)).windowsOptions = { hostProcess: true })), minor: 31, level: 'privileged', fails: ['windowsHostProcess'] },

  // fixtures_hostProbesAndHostLifecycle.go
  'liveness probe host at 1.33, before the check': { pod: restrictedPod((pod) => (first(pod).livenessProbe = { httpGet: { host: 'bad.host', port: 8080 } })), minor: 33, level: 'restricted', fails: [] },
  'liveness probe host at 1.34': { pod: restrictedPod((pod) => (first(pod).livenessProbe = { httpGet: { host: 'bad.host', port: 8080 } })), minor: 34, level: 'privileged', fails: ['hostProbesAndHostLifecycle'] },
  'readiness probe tcpSocket host on a sidecar init container at 1.34': {
    pod: restrictedPod((pod) => Object.assign(firstInit(pod), { restartPolicy: 'Always', readinessProbe: { tcpSocket: { host: '8.8.8.8', port: 8080 } } })),
    minor: 34,
    level: 'privileged',
    fails: ['hostProbesAndHostLifecycle'],
  },
  'postStart httpGet host at 1.34': { pod: restrictedPod((pod) => (first(pod).lifecycle = { postStart: { httpGet: { host: 'bad.host', port: 8080 } } })), minor: 34, level: 'privileged', fails: ['hostProbesAndHostLifecycle'] },
  'probes without a host at 1.34': { pod: restrictedPod((pod) => Object.assign(first(pod), { livenessProbe: { httpGet: { port: 8080 } }, readinessProbe: { tcpSocket: { port: 8080 } } })), minor: 34, level: 'restricted', fails: [] },

  // fixtures_allowPrivilegeEscalation.go
  'allowPrivilegeEscalation true': { pod: restrictedPod((pod) => (sc(first(pod)).allowPrivilegeEscalation = true)), minor: 31, level: 'baseline', fails: ['allowPrivilegeEscalation'] },
  'allowPrivilegeEscalation unset on the init container': { pod: restrictedPod((pod) => (sc(firstInit(pod)).allowPrivilegeEscalation = undefined)), minor: 31, level: 'baseline', fails: ['allowPrivilegeEscalation'] },

  // fixtures_runAsNonRoot.go
  'runAsNonRoot unset everywhere': { pod: restrictedPod((pod) => (podSc(pod).runAsNonRoot = undefined)), minor: 31, level: 'baseline', fails: ['runAsNonRoot'] },
  'runAsNonRoot false on the pod, true on every container': {
    pod: restrictedPod((pod) => {
      podSc(pod).runAsNonRoot = false;
      sc(first(pod)).runAsNonRoot = true;
      sc(firstInit(pod)).runAsNonRoot = true;
    }),
    minor: 31,
    level: 'baseline',
    fails: ['runAsNonRoot'],
  },
  'runAsNonRoot false on a container': { pod: restrictedPod((pod) => (sc(first(pod)).runAsNonRoot = false)), minor: 31, level: 'baseline', fails: ['runAsNonRoot'] },
  'runAsNonRoot on every container, not the pod': {
    pod: restrictedPod((pod) => {
      podSc(pod).runAsNonRoot = undefined;
      sc(first(pod)).runAsNonRoot = true;
      sc(firstInit(pod)).runAsNonRoot = true;
    }),
    minor: 31,
    level: 'restricted',
    fails: [],
  },
  'runAsNonRoot unset in a user namespace at 1.34': { pod: restrictedPod((pod) => Object.assign(podSc(pod), { runAsNonRoot: undefined }) && (pod.spec.hostUsers = false)), minor: 34, level: 'baseline', fails: ['runAsNonRoot'] },
  'runAsNonRoot unset in a user namespace at 1.35, which allows it': { pod: restrictedPod((pod) => Object.assign(podSc(pod), { runAsNonRoot: undefined }) && (pod.spec.hostUsers = false)), minor: 35, level: 'restricted', fails: [] },

  // fixtures_runAsUser.go
  'runAsUser 0 on the pod at 1.22, before the check': { pod: restrictedPod((pod) => (podSc(pod).runAsUser = 0)), minor: 22, level: 'restricted', fails: [] },
  'runAsUser 0 on the pod at 1.23': { pod: restrictedPod((pod) => (podSc(pod).runAsUser = 0)), minor: 23, level: 'baseline', fails: ['runAsUser'] },
  'runAsUser 0 on a container': { pod: restrictedPod((pod) => (sc(firstInit(pod)).runAsUser = 0)), minor: 31, level: 'baseline', fails: ['runAsUser'] },
  'runAsUser 1000': { pod: restrictedPod((pod) => (podSc(pod).runAsUser = 1000)), minor: 31, level: 'restricted', fails: [] },
  'runAsUser 0 in a user namespace at 1.35': { pod: restrictedPod((pod) => Object.assign(podSc(pod), { runAsUser: 0 }) && (pod.spec.hostUsers = false)), minor: 35, level: 'restricted', fails: [] },
};

const STRICTER: Record<PodSecurityLevel, PodSecurityLevel | undefined> = { privileged: 'baseline', baseline: 'restricted', restricted: undefined };

describe('the Pod Security Standards, level by level, as pod-security-admission v0.36.2 defines them', () => {
  it.each(Object.entries(TABLE))('%s', (_name, row) => {
    expect(strictestPassingLevel(row.minor, row.pod)).toBe(row.level);
    const stricter = STRICTER[row.level];
    if (stricter) expect(evaluatePod(stricter, row.minor, row.pod).map((failure) => failure.id)).toEqual(row.fails);
    else expect(row.fails).toEqual([]);
  });

  it('covers every check of the policy package with a failing row', () => {
    const failing = new Set(Object.values(TABLE).flatMap((row) => row.fails));
    expect(POLICY_CHECKS.map((check) => check.id).filter((id) => !failing.has(id))).toEqual([]);
  });

  it('runs nothing at privileged', () => {
    expect(evaluatePod('privileged', 31, baselinePod((pod) => (pod.spec.hostNetwork = true)))).toEqual([]);
  });
});

describe('the messages upstream gives (policy/*_test.go expectations)', () => {
  it('seccompProfile_restricted names the containers left without a profile', () => {
    const pod: PodView = { metadata: {}, spec: { containers: [{ name: 'a' }, { name: 'b', securityContext: {} }, { name: 'd', securityContext: { seccompProfile: { type: 'RuntimeDefault' } } }] } };
    const failure = evaluatePod('restricted', 31, pod).find((item) => item.id === 'seccompProfile_restricted');
    expect([failure?.reason, failure?.detail]).toEqual(['seccompProfile', 'pod or containers "a", "b" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"']);
  });

  it('hostNamespaces lists what the pod shares', () => {
    const failure = evaluatePod('baseline', 31, { metadata: {}, spec: { hostNetwork: true, hostPID: true, containers: [{ name: 'a' }] } })[0];
    expect([failure?.reason, failure?.detail]).toEqual(['host namespaces', 'hostNetwork=true, hostPID=true']);
  });

  it('capabilities_restricted reports both a missing drop and a forbidden add', () => {
    const pod: PodView = { metadata: {}, spec: { containers: [{ name: 'a', securityContext: { capabilities: { add: ['NET_RAW', 'NET_BIND_SERVICE'] } } }] } };
    expect(evaluatePod('restricted', 31, pod).find((item) => item.id === 'capabilities_restricted')?.detail).toBe('container "a" must set securityContext.capabilities.drop=["ALL"]; container "a" must not include "NET_RAW" in securityContext.capabilities.add');
  });
});

describe('policyMinor', () => {
  it.each([
    ['1.31', 31],
    ['v1.31.4+rke2r1', 31],
    ['1.28.15', 28],
    [undefined, NEWEST_POLICY_MINOR],
    ['2.0', NEWEST_POLICY_MINOR],
    ['1.99', NEWEST_POLICY_MINOR],
  ])('%s → %i', (version, minor) => {
    expect(policyMinor(version)).toBe(minor);
  });

  it('is the newest version any check defines', () => {
    expect(NEWEST_POLICY_MINOR).toBe(Math.max(...POLICY_CHECKS.flatMap((check) => check.versions.map((version) => version.minimumVersion))));
  });
});
