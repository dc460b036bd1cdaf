import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT, OutputLayout } from './layout.js';

describe('the output layout', () => {
  const dev = DEFAULT_LAYOUT.forCluster('dev');

  it('puts a cluster\'s bundles under dist/<cluster>/ and its GitRepo under fleet/<cluster>/', () => {
    expect(dev.bundleDir('observability', 'loki')).toBe('dist/dev/observability/loki');
    expect(dev.gitRepoFile).toBe('fleet/dev/gitrepo.yaml');
    expect(dev.docsFile).toBe('dist/dev/README.md');
  });

  it('keeps one manifest and one top documentation for the whole tree', () => {
    expect(dev.manifestFile).toBe('dist/SHA256SUMS');
    expect(dev.inventoryDocsFile).toBe('dist/README.md');
    expect(dev.outputDirs).toEqual(['dist', 'fleet']);
  });

  it('tells a cluster\'s files from another\'s, a cluster named like a prefix of another included', () => {
    expect(dev.owns('dist/dev/storage/longhorn/x.yaml')).toBe(true);
    expect(dev.owns('fleet/dev/gitrepo.yaml')).toBe(true);
    expect(dev.owns('dist/dev-2/storage/longhorn/x.yaml')).toBe(false);
    expect(dev.owns('dist/README.md')).toBe(false);
    expect(dev.phaseOf('dist/dev/storage/longhorn/x.yaml')).toBe('storage');
    expect(dev.phaseOf('dist/dev-2/storage/longhorn/x.yaml')).toBeUndefined();
    expect(dev.phaseOf('dist/dev/README.md')).toBeUndefined();
  });

  it('names the cluster of a path of a multi-cluster tree', () => {
    expect(OutputLayout.clusterOf('dist/prod/security/kyverno/fleet.yaml')).toBe('prod');
    expect(OutputLayout.clusterOf('fleet/prod/gitrepo.yaml')).toBe('prod');
    expect(OutputLayout.clusterOf('dist/SHA256SUMS')).toBeUndefined();
  });

  it('lays out a platform rendered alone (no cluster) as dist/<phase>/', () => {
    expect(DEFAULT_LAYOUT.bundleDir('storage', 'longhorn')).toBe('dist/storage/longhorn');
    expect(DEFAULT_LAYOUT.gitRepoFile).toBe('fleet/gitrepo.yaml');
    expect(DEFAULT_LAYOUT.owns('anything')).toBe(true);
  });
});
