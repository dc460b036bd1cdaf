import { describe, expect, it } from 'vitest';
import { PlatformError } from '../errors.js';
import { PlatformErrors } from '../errors.js';
import { kubeConfigMap } from '../kube/object.js';
import { FleetBundle } from '../model/bundle.js';
import { fleetPhase } from '../model/phase.js';
import { renderWithRealCharts } from '../testing.js';
import { objectFileName } from './files.js';

const BUNDLE = 'dist/storage/longhorn';

function refusal(metadata: Record<string, unknown>): string {
  try {
    objectFileName({ kind: 'ConfigMap', metadata }, BUNDLE);
  } catch (error) {
    expect(error).toBeInstanceOf(PlatformError);
    return (error as PlatformError).describe();
  }
  throw new Error(`accepted ${JSON.stringify(metadata)}`);
}

describe('objectFileName', () => {
  it('names a file by kind, namespace and name', () => {
    expect(objectFileName({ kind: 'ConfigMap', metadata: { name: 'canary', namespace: 'default' } }, BUNDLE)).toBe('configmap.default.canary.yaml');
    expect(objectFileName({ kind: 'ClusterRole', metadata: { name: 'system:auth-delegator' } }, BUNDLE)).toBe('clusterrole.system:auth-delegator.yaml');
  });

  const hostile = ['../../../etc/passwd', '..', '.', '/etc/passwd', 'a/b', 'a\\..\\b', 'C:\\Windows', 'nul\u0000byte', 'new\nline', 'esc\u001b', 'percent%2F..'];
  for (const value of hostile) {
    it(`refuses metadata.name ${JSON.stringify(value)}, naming the bundle and the object`, () => {
      expect(refusal({ name: value })).toMatch(new RegExp(`^dist/storage/longhorn: configmap/${escape(JSON.stringify(value))}: metadata.name ${escape(JSON.stringify(value))} (may not|is an absolute)`));
    });
    it(`refuses metadata.namespace ${JSON.stringify(value)}`, () => {
      expect(refusal({ name: 'ok', namespace: value })).toMatch(new RegExp(`^dist/storage/longhorn: configmap/"ok": metadata.namespace ${escape(JSON.stringify(value))} `));
    });
  }

  it('stops a render of phase code that names an object ../../../escape, naming bundle and object', () => {
    const hostile = fleetPhase({
      name: 'apps',
      summary: 'test',
      source: 'test',
      build(phase) {
        kubeConfigMap(new FleetBundle(phase, 'web', { namespace: 'default' }), 'escape', { metadata: { name: '../../../escape', namespace: 'default' } });
      },
    });
    let error: unknown;
    try {
      renderWithRealCharts([hostile]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PlatformErrors);
    expect((error as PlatformErrors).errors.map((problem) => problem.describe())).toContainEqual(expect.stringMatching(/^dist\/apps\/web: configmap\/"\.\.\/\.\.\/\.\.\/escape": metadata\.name "\.\.\/\.\.\/\.\.\/escape" may not contain '\/'/));
  });

  it('the message never prints a raw control character', () => {
    expect(refusal({ name: 'a\nb' })).not.toMatch(/a\nb/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
