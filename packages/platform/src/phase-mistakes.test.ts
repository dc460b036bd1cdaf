import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FleetBundle, fleetPhase, kubeConfigMap, readOutputTree, runCli, type AnyPhaseDefinition, type FleetPhase } from '@platform/engine';
import { copyRepository } from '@platform/engine/testing';
import { phases } from './phases.js';
import { repositoryRoot } from './repository.js';

/**
 * Mistakes a new user makes in phase code. Each must stop synth with one
 * message that names the phase package and what is wrong, never a stack
 * trace, and leave dist/ and fleet/ untouched.
 */

let root: string;
let cleanup: () => void;
let committed: ReturnType<typeof readOutputTree>;
beforeAll(() => {
  ({ dir: root, cleanup } = copyRepository(repositoryRoot, ['clusters', 'charts', 'dist', 'fleet']));
  committed = readOutputTree(root);
});
afterAll(() => cleanup());

async function synthWith(build: (phase: FleetPhase) => void) {
  const extra = fleetPhase({ name: 'extras', summary: 'a phase with a mistake', source: 'packages/extras', build });
  let stderr = '';
  const status = await runCli(['synth'], { root, phases: [...phases, extra] as AnyPhaseDefinition[], io: { stdout: () => {}, stderr: (text) => (stderr += text) } });
  return { status, stderr };
}

const loki = (phase: FleetPhase) => phase.chart('loki');

describe('mistakes in phase code are one message naming the phase package', () => {
  it.each<[string, (phase: FleetPhase) => void, RegExp]>([
    ['a duplicate bundle directory', (phase) => {
      new FleetBundle(phase, 'same', { namespace: 'a' }).toString();
      new FleetBundle(phase, 'same', { namespace: 'b' });
    }, /packages\/extras: two constructs named "same" in phase "extras"/],
    ['a misspelt option', (phase) => {
      new FleetBundle(phase, 'typo', { namespce: 'monitoring' } as never);
    }, /packages\/extras: FleetBundle dist\/dev\/extras\/typo: unknown option "namespce" \(did you mean namespace\?\)/],
    ['a namespace of the wrong type', (phase) => {
      new FleetBundle(phase, 'wrong-type', { namespace: 42 } as never);
    }, /option namespace: got 42, expected a DNS label/],
    ['an invalid namespace', (phase) => {
      new FleetBundle(phase, 'bad-namespace', { namespace: 'Kube_System' });
    }, /option namespace: got "Kube_System", expected a DNS label/],
    ['a release name that is a number', (phase) => {
      new FleetBundle(phase, 'release-number', { namespace: 'x', helm: { chart: loki(phase), releaseName: 42 as never } });
    }, /helm: option releaseName: got 42, expected a Helm release name/],
    ['a release name with capitals', (phase) => {
      new FleetBundle(phase, 'release-dot', { namespace: 'x', helm: { chart: loki(phase), releaseName: 'Metrics.Server' } });
    }, /option releaseName: got "Metrics.Server", expected a Helm release name/],
    ['a release name over 53 characters', (phase) => {
      new FleetBundle(phase, 'release-long', { namespace: 'x', helm: { chart: loki(phase), releaseName: 'r'.repeat(54) } });
    }, /option releaseName: got "r{54}", expected a Helm release name \(lowercase letters, digits, - and \., at most 53/],
    ['a dependency that is not a bundle', (phase) => {
      new FleetBundle(phase, 'depends-on-name', { namespace: 'x', dependsOn: ['platform-dist-x'] as never });
    }, /option dependsOn: expected a list of FleetBundle objects/],
    ['two Helm bundles installing one release name into one namespace', (phase) => {
      new FleetBundle(phase, 'first', { namespace: 'apps', helm: { chart: loki(phase), releaseName: 'same' } });
      new FleetBundle(phase, 'second', { namespace: 'apps', helm: { chart: loki(phase), releaseName: 'same' } });
    }, /dist\/dev\/extras\/second\/fleet.yaml: helm.releaseName: release "same" in namespace apps is also installed by dist\/dev\/extras\/first\/fleet.yaml/],
    ['phase code that throws', (phase) => {
      const settings = undefined as unknown as { replicas: number };
      kubeConfigMap(new FleetBundle(phase, 'crash', { namespace: 'x' }), 'c', { metadata: { name: 'c' }, data: { replicas: String(settings.replicas) } });
    }, /packages\/extras: phase "extras" failed while building: Cannot read properties of undefined/],
  ])('%s', async (_what, build, message) => {
    const result = await synthWith(build);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.match(/^error: /gm)).toHaveLength(1);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stderr).toContain('dist/ and fleet/ were not changed');
    expect(readOutputTree(root)).toEqual(committed);
  });
});

describe('a duplicate object id inside a bundle', () => {
  it('names the bundle', async () => {
    const result = await synthWith((phase) => {
      const bundle = new FleetBundle(phase, 'twice', { namespace: 'x' });
      kubeConfigMap(bundle, 'same', { metadata: { name: 'a' } });
      kubeConfigMap(bundle, 'same', { metadata: { name: 'b' } });
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/packages\/extras: two constructs named "same" in bundle dist\/dev\/extras\/twice/);
  });
});
