import { rmSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveHelm } from './binary.js';
import { helmTemplate, type HelmTemplateOptions } from './template/helm-template.js';
import { helmTemplateAll } from './template/pool.js';
import { writeChart } from './testing/write-chart.js';
import { writeBigChart } from './testing/synthetic.js';

/**
 * Whole-process timings of `helm template` through helmTemplate (spawn,
 * values files, parse): medians of several runs, for a one-object chart, a
 * kube-prometheus-stack-sized one, and a batch of eight run one at a time and
 * two at a time. `node --import tsx packages/helm/src/bench.ts`
 */
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function time(what: () => Promise<unknown>, runs: number): Promise<number> {
  const durations: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await what();
    durations.push(performance.now() - started);
  }
  return median(durations);
}

const dir = mkdtempSync(join(tmpdir(), 'helm-bench-'));
try {
  const helm = await resolveHelm();
  const small = writeChart({ templates: { 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n' } }, dir);
  const big = writeBigChart(dir);
  const release = (chart: string): HelmTemplateOptions => ({ chart, releaseName: 'bench', namespace: 'bench', kubeVersion: '1.31', values: { from: 'fleet', values: { extra: 1 } }, helm });
  const bigObjects = (await helmTemplate(release(big))).objects.length;
  const smallMs = await time(() => helmTemplate(release(small)), 15);
  const bigMs = await time(() => helmTemplate(release(big)), 7);
  const batch = [small, big, small, big, small, big, small, big].map(release);
  const serialMs = await time(() => helmTemplateAll(batch, { concurrency: 1 }), 3);
  const pairMs = await time(() => helmTemplateAll(batch, { concurrency: 2 }), 3);
  console.log(`helm ${helm.version}: one-object chart ${smallMs.toFixed(0)} ms; ${bigObjects}-object chart ${bigMs.toFixed(0)} ms (medians)`);
  console.log(`8 releases (4 small, 4 big): one at a time ${serialMs.toFixed(0)} ms, two at a time ${pairMs.toFixed(0)} ms`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
