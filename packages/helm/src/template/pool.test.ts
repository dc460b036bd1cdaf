import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HelmBinary } from '../binary.js';
import { scratchDir, writeChart } from '../testing/charts.js';
import { HelmTemplateError } from './errors.js';
import type { HelmTemplateOptions } from './helm-template.js';
import { helmTemplateAll } from './pool.js';

/**
 * A stand-in helm that logs when each render starts and ends, takes 300 ms,
 * and fails for the release named "broken": enough to see the pool's order,
 * isolation and bound without depending on the real binary's speed.
 */
function recordingHelm(log: string): HelmBinary {
  const path = join(scratchDir('pool-helm-'), 'helm');
  writeFileSync(
    path,
    `#!/bin/sh
release=""; prev=""
for arg; do [ "$prev" = "--" ] && release="$arg"; prev="$arg"; done
echo "start $release $(/bin/date +%s%N)" >> ${log}
/bin/sleep 0.3
echo "end $release $(/bin/date +%s%N)" >> ${log}
if [ "$release" = broken ]; then echo "Error: template: broken/templates/x.yaml:1: boom" >&2; exit 1; fi
printf -- '---\\n# Source: demo/templates/cm.yaml\\napiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: %s\\n' "$release"
`,
  );
  chmodSync(path, 0o755);
  return { path, version: 'v3.17.3', source: 'PLATFORM_HELM' };
}

describe('helmTemplateAll: a small pool of helm processes', () => {
  it('keeps the order of the releases, isolates a failure, and never runs more than `concurrency` at once', async () => {
    const log = join(scratchDir(), 'log');
    writeFileSync(log, '');
    const helm = recordingHelm(log);
    const chart = writeChart({ templates: {} });
    const names = ['r0', 'r1', 'broken', 'r3', 'r4', 'r5'];
    const releases: HelmTemplateOptions[] = names.map((releaseName) => ({ chart, releaseName, namespace: 'default', kubeVersion: '1.31', values: { from: 'fleet' }, helm }));
    const outcomes = await helmTemplateAll(releases, { concurrency: 2 });
    expect(outcomes.map((o) => (o.ok ? (o.result.objects[0]!.object.metadata as { name: string }).name : (o.error as HelmTemplateError).kind))).toEqual(['r0', 'r1', 'template', 'r3', 'r4', 'r5']);
    const events = readFileSync(log, 'utf8').trim().split('\n').map((line) => line.split(' ') as [string, string, string]).sort((a, b) => (BigInt(a[2]) < BigInt(b[2]) ? -1 : 1));
    let running = 0;
    let most = 0;
    for (const [event] of events) {
      running += event === 'start' ? 1 : -1;
      most = Math.max(most, running);
    }
    expect(events).toHaveLength(12);
    expect(most).toBe(2);
  });
});
