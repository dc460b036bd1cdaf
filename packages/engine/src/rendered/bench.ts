/**
 * How long the rendered diff takes at the size of a real fleet: 10 clusters
 * × 20 bundles × 50 objects (10,000 objects a side), 5% of them changed in
 * place; then the same with a chart bump and one renamed bundle per cluster
 * (its 50 objects removed and added). Prints the median and spread of
 * several runs of each step as JSON.
 *
 *   node --import tsx packages/engine/src/rendered/bench.ts [runs]
 */
import { performance } from 'node:perf_hooks';
import { checkCrdsDir } from './checks/crds-dir.js';
import { checkImageTags } from './checks/image-tags.js';
import { checkPodSecurity, namespaceLevels } from './checks/pod-security.js';
import { diffRendered } from './diff/diff-rendered.js';
import { renderDiffJson } from './format/json.js';
import { renderDiffMarkdown } from './format/markdown.js';
import { renderDiffText } from './format/text.js';
import type { RenderedBundle, RenderedTree } from './model.js';
import { configMap, deployment, service, serviceAccount, clusterRole, secret } from './testing.js';

const CLUSTERS = 10;
const BUNDLES = 20;
const OBJECTS = 50;
const CHANGED_EVERY = 20; // 1 in 20: 5%

/** One bundle's 50 objects: a realistic mix of workloads, config, RBAC and a Secret; `changed` picks which ones differ in the head. */
function objects(cluster: number, bundle: number, head: boolean): unknown[] {
  return Array.from({ length: OBJECTS }, (_, index) => {
    const name = `app-${bundle}-${index}`;
    const namespace = `ns-${bundle}`;
    const changed = head && (cluster * BUNDLES * OBJECTS + bundle * OBJECTS + index) % CHANGED_EVERY === 0;
    const version = changed ? 'v2.1.0' : 'v2.0.0';
    switch (index % 6) {
      case 0:
        return deployment(name, namespace, `registry.example.com/team/${name}:${version}`, { replicas: 3 });
      case 1:
        return service(name, namespace, changed ? 8080 : 80);
      case 2:
        return configMap(name, namespace, { 'config.yaml': `level: info\nversion: ${version}\n${'setting: value\n'.repeat(40)}` });
      case 3:
        return { ...serviceAccount(name, namespace), automountServiceAccountToken: !changed };
      case 4:
        return clusterRole(name, changed ? ['pods', 'nodes'] : ['pods']);
      default:
        return secret(name, namespace, { data: { password: Buffer.from(`${name}-${version}`).toString('base64') } });
    }
  });
}

function side(head: boolean, renames: boolean): RenderedTree {
  return {
    clusters: Array.from({ length: CLUSTERS }, (_, cluster) => ({
      name: `cluster-${cluster}`,
      kubernetesVersion: '1.31',
      bundles: Array.from({ length: BUNDLES }, (_, bundle): RenderedBundle => {
        const renamed = renames && head && bundle === 0 ? 'platform-app-0-renamed' : `platform-app-${bundle}`;
        return {
          name: renamed,
          kind: 'fleet-helm',
          release: { name: `app-${bundle}`, namespace: `ns-${bundle}` },
          chart: { name: `app-${bundle}`, version: renames && head && bundle === 1 ? '2.1.0' : '2.0.0' },
          objects: objects(cluster, bundle, head).map((object) => ({ object, source: { template: `app-${bundle}/templates/all.yaml` } })),
        };
      }),
    })),
  };
}

function measure<T>(runs: number, step: () => T): { medianMs: number; minMs: number; maxMs: number; result: T } {
  const times: number[] = [];
  let result: T | undefined;
  for (let run = 0; run < runs; run += 1) {
    const start = performance.now();
    result = step();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return { medianMs: round(times[Math.floor(times.length / 2)] as number), minMs: round(times[0] as number), maxMs: round(times.at(-1) as number), result: result as T };
}

const runs = Number(process.argv[2] ?? 7);
const strip = <T extends { result: unknown }>({ result: _result, ...times }: T) => times;

function scenario(renames: boolean) {
  const base = side(false, renames);
  const head = side(true, renames);
  const diff = measure(runs, () => diffRendered(base, head));
  const text = measure(runs, () => renderDiffText(diff.result));
  const json = measure(runs, () => renderDiffJson(diff.result));
  const markdown = measure(runs, () => renderDiffMarkdown(diff.result));
  return {
    totals: diff.result.totals,
    diffRendered: strip(diff),
    renderDiffText: { ...strip(text), chars: text.result.length },
    renderDiffJson: { ...strip(json), chars: json.result.length },
    renderDiffMarkdown: { ...strip(markdown), chars: markdown.result.length },
  };
}

const inPlace = scenario(false);
const withRenames = scenario(true);
const head = side(true, false);
const checks = measure(runs, () => [...checkImageTags(head), ...checkCrdsDir(head), ...checkPodSecurity(head, namespaceLevels, { defaultLevel: 'baseline' })].length);
process.stdout.write(
  `${JSON.stringify({ size: { clusters: CLUSTERS, bundles: CLUSTERS * BUNDLES, objectsPerSide: CLUSTERS * BUNDLES * OBJECTS }, runs, fivePercentChanged: inPlace, plusChartBumpAndRenamedBundle: withRenames, checksOverHead: { ...strip(checks), findings: checks.result } }, null, 2)}\n`,
);
