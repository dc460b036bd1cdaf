import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HelmBinary } from '../binary.js';
import { runHelm, withHelmHome } from '../run-helm.js';

const PROBE_TEMPLATE = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: probe\ndata:\n  v: {{ .Capabilities.APIVersions | toJson | quote }}\n';

const cache = new Map<string, Promise<readonly string[]>>();

/**
 * The API versions `helm template` always claims, whatever --api-versions
 * says: Helm starts from chartutil.DefaultVersionSet, every group/version
 * its client-go scheme knows (pkg/chartutil/capabilities.go
 * allKnownVersions), and only appends the flag's list (pkg/action/install.go,
 * ClientOnly). For helm v3.17.3 that is 56 group/versions, among them
 * policy/v1beta1, extensions/v1beta1, batch/v1beta1 and
 * autoscaling/v2beta2, which Kubernetes 1.31 no longer serves. A real
 * install (Fleet, helm-controller) uses the server's discovery instead, so
 * `.Capabilities.APIVersions.Has` can answer true in a render and false in
 * the cluster for exactly these. Asked once per binary, by rendering a probe.
 */
export function builtinApiVersions(helm: HelmBinary): Promise<readonly string[]> {
  let found = cache.get(helm.path);
  if (!found) {
    found = withHelmHome(async (home) => {
      const chart = join(home, 'probe');
      await mkdir(join(chart, 'templates'), { recursive: true });
      await writeFile(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: probe\nversion: 0.0.0\n');
      await writeFile(join(chart, 'templates', 'probe.yaml'), PROBE_TEMPLATE);
      const run = await runHelm(helm.path, ['template', '--', 'probe', chart], home);
      const match = /^ {2}v: (".*")$/m.exec(run.stdout);
      if (run.code !== 0 || !match) throw new Error(`helm did not list its built-in API versions: ${run.stderr.trim()}`);
      return JSON.parse(JSON.parse(match[1]!) as string) as string[];
    });
    cache.set(helm.path, found);
    found.catch(() => cache.delete(helm.path));
  }
  return found;
}
