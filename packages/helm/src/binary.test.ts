import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HelmUnavailableError, resolveHelm } from './binary.js';
import { BUNDLED_HELM } from './paths.js';
import { PINNED_HELM } from './pin.js';
import { helmSkipReason, scratchDir, withHelmTitle } from './testing/charts.js';

/** An executable shell script standing in for helm (its environment has no PATH, so builtins only). */
function fakeHelm(body: string): string {
  const path = join(scratchDir('fake-helm-'), 'helm');
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

describe.skipIf(!!helmSkipReason)(withHelmTitle('resolveHelm: the pinned binary'), () => {
  it('is the extracted v3.17.3', async () => {
    await expect(resolveHelm({})).resolves.toEqual({ path: BUNDLED_HELM, version: PINNED_HELM.version, source: 'pinned' });
  });

  it('PLATFORM_HELM naming the same version gives no warning', async () => {
    const helm = await resolveHelm({ PLATFORM_HELM: BUNDLED_HELM });
    expect(helm).toEqual({ path: BUNDLED_HELM, version: 'v3.17.3', source: 'PLATFORM_HELM' });
  });
});

describe('resolveHelm: PLATFORM_HELM=/path/to/helm', () => {
  it('takes another Helm version with a warning naming both versions', async () => {
    const path = fakeHelm('echo v3.19.1');
    const helm = await resolveHelm({ PLATFORM_HELM: path });
    expect(helm.version).toBe('v3.19.1');
    expect(helm.source).toBe('PLATFORM_HELM');
    expect(helm.warning).toMatch(/PLATFORM_HELM is helm v3\.19\.1, not the pinned v3\.17\.3/);
  });

  it.each([
    ['a missing file', () => join(scratchDir(), 'no-helm'), /PLATFORM_HELM=.*no-helm is not an executable file/],
    ['a file that is not executable', () => {
      const path = join(scratchDir(), 'helm');
      writeFileSync(path, 'not a program');
      return path;
    }, /is not an executable file/],
    ['a program that is not helm', () => fakeHelm('echo hello'), /did not answer `helm version` like Helm \(exit 0\): hello/],
    ['a program that fails', () => fakeHelm('echo broken >&2; exit 3'), /did not answer `helm version` like Helm \(exit 3\): broken/],
  ])('refuses %s as "helm unavailable: <reason>"', async (_what, make, reason) => {
    const error = await resolveHelm({ PLATFORM_HELM: make() }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HelmUnavailableError);
    expect((error as Error).message).toMatch(/^helm unavailable: /);
    expect((error as HelmUnavailableError).reason).toMatch(reason);
  });

  it('asks the binary in the hermetic environment: the caller\'s HELM_* never reach it', async () => {
    const path = fakeHelm('if [ -n "$HELM_DEBUG$HELM_NAMESPACE" ] || [ "$TZ" != UTC ]; then echo leaked; else echo v3.17.3; fi');
    process.env.HELM_DEBUG = 'true';
    try {
      await expect(resolveHelm({ PLATFORM_HELM: path })).resolves.toMatchObject({ version: 'v3.17.3' });
    } finally {
      delete process.env.HELM_DEBUG;
    }
  });
});
