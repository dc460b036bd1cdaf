/**
 * `node --import tsx packages/validate/src/bench.ts`: throughput and
 * peak memory of `validate` on generated 5 MB and 30 MB multi-document
 * files, through the real CLI launcher, three runs each, medians reported.
 * Peak memory and CPU time are the child's own (maxRSS, user+system),
 * read at exit by a preloaded hook (no /usr/bin/time needed); CPU time is
 * the steadier figure on a shared machine.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A realistic mix: Deployments with nulls Helm leaves, Services, ConfigMaps. */
export function manifest(index: number): string {
  switch (index % 3) {
    case 0:
      return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-${index}
  namespace: apps
  annotations:
  labels: {app: web-${index}}
spec:
  replicas: 2
  selector: {matchLabels: {app: web-${index}}}
  template:
    metadata: {labels: {app: web-${index}}}
    spec:
      containers:
        - name: web
          image: registry.example.com/web:1.${index}
          env:
          ports: [{containerPort: 8080, name: http}]
          resources: {limits: {cpu: 500m, memory: 256Mi}, requests: {cpu: 100m, memory: 128Mi}}
          readinessProbe: {httpGet: {path: /healthz, port: http}, periodSeconds: 10}
`;
    case 1:
      return `apiVersion: v1
kind: Service
metadata: {name: web-${index}, namespace: apps}
spec:
  selector: {app: web-${index}}
  ports: [{port: 80, targetPort: http, protocol: TCP}]
`;
    default:
      return `apiVersion: v1
kind: ConfigMap
metadata: {name: config-${index}, namespace: apps}
data:
  settings.yaml: |
    level: info
    replicas: ${index}
`;
  }
}

/** Writes about `bytes` of manifests; returns the number of objects. */
export function writeManifests(path: string, bytes: number): number {
  const parts: string[] = [];
  let size = 0;
  let count = 0;
  while (size < bytes) {
    const text = `${manifest(count)}---\n`;
    parts.push(text);
    size += text.length;
    count += 1;
  }
  writeFileSync(path, parts.join(''));
  return count;
}

/** Preloaded into a child: prints its own peak RSS (KiB) and CPU time (µs) on stderr at exit. */
export const MAXRSS_HOOK = `data:text/javascript,process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('\\nmaxrss-kb '+u.maxRSS+' cpu-us '+(u.userCPUTime+u.systemCPUTime)+'\\n')})`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const cli = fileURLToPath(new URL('../../platform/bin/platform.mjs', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'validate-bench-'));
  try {
    for (const megabytes of [5, 30]) {
      const file = join(dir, `m${megabytes}.yaml`);
      const objects = writeManifests(file, megabytes * 1024 * 1024);
      const times: number[] = [];
      const rss: number[] = [];
      const cpu: number[] = [];
      for (let run = 0; run < 3; run += 1) {
        const started = performance.now();
        const child = spawnSync(process.execPath, ['--import', MAXRSS_HOOK, cli, 'validate', file], { encoding: 'utf8' });
        times.push(performance.now() - started);
        rss.push(Number(/maxrss-kb (\d+)/.exec(child.stderr)?.[1] ?? 0) / 1024);
        cpu.push(Number(/cpu-us (\d+)/.exec(child.stderr)?.[1] ?? 0) / 1000);
        if (!child.stdout.includes(`Valid: ${objects},`)) throw new Error(`unexpected result: ${child.stdout.slice(-300)}`);
      }
      const ms = median(times);
      const size = (statSync(file).size / 1024 / 1024).toFixed(1);
      process.stdout.write(`${size} MiB, ${objects} objects: median ${Math.round(ms)} ms wall (${Math.round(objects / (ms / 1000))} objects/s), ${Math.round(median(cpu))} ms CPU (${Math.round(objects / (median(cpu) / 1000))} objects/s), peak RSS ${Math.round(median(rss))} MB\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
