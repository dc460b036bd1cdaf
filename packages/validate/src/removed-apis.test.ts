import { describe, expect, it } from 'vitest';

import { coreModel } from './core/model.js';
import { SERVED_KUBERNETES_VERSIONS, validate } from './index.js';
import { missingSchemaMessage, REMOVED_APIS } from './removed-apis.js';

describe('removed apiVersions', () => {
  const removals = REMOVED_APIS.flatMap((removal) => removal.kinds.map((kind) => ({ ...removal, kind })));

  it.each(removals.filter((removal) => removal.replacement))('$apiVersion $kind: its replacement $replacement is served by every served version', ({ kind, replacement }) => {
    for (const version of SERVED_KUBERNETES_VERSIONS) expect(coreModel(version).kinds[`${replacement} ${kind}`], `${replacement} ${kind} in ${version}`).toBeDefined();
  });

  it.each(removals)('$apiVersion $kind is not served once removed (from $removedIn)', ({ apiVersion, kind, removedIn }) => {
    for (const version of SERVED_KUBERNETES_VERSIONS) {
      if (Number(version.split('.')[1]) >= Number(removedIn.split('.')[1])) expect(coreModel(version).kinds[`${apiVersion} ${kind}`]).toBeUndefined();
    }
  });

  it('says what to do when there is no replacement', () => {
    expect(missingSchemaMessage('policy/v1beta1', 'PodSecurityPolicy', '1.33')).toBe(
      'Kubernetes 1.33 does not serve policy/v1beta1 PodSecurityPolicy (removed in Kubernetes 1.25); PodSecurityPolicy has no replacement API; use Pod Security Admission (namespace labels)',
    );
  });

  it('quotes a hostile kind as a short, one-line excerpt', () => {
    const message = missingSchemaMessage('example.com/v1', `K\n${'x'.repeat(10_000)}`, '1.31');
    expect(message).not.toContain('\n');
    expect(message.length).toBeLessThan(400);
  });
});

describe('deprecated apiVersions still served', () => {
  it('are valid, with a note that names the release that removes them and the replacement', () => {
    const flowSchema = 'apiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: FlowSchema\nmetadata:\n  name: x\nspec:\n  priorityLevelConfiguration:\n    name: global-default\n';
    const [resource] = validate([{ path: 'fs.yaml', content: flowSchema }], { kubernetesVersion: '1.31' }).files[0]?.resources ?? [];
    expect(resource?.status).toBe('valid');
    expect(resource?.deprecation).toBe('flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema is deprecated: Kubernetes 1.32 removes it; use flowcontrol.apiserver.k8s.io/v1');
    const [later] = validate([{ path: 'fs.yaml', content: flowSchema }], { kubernetesVersion: '1.32' }).files[0]?.resources ?? [];
    expect(later?.status).toBe('error');
    expect(later?.deprecation).toBeUndefined();
  });
});
