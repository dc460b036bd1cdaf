/**
 * A pull in its own process, for kill-safety.test.ts: it prints each pull
 * event as a JSON line and, at the event named by its argument, stops and
 * waits to be killed.
 */
import { pullCharts, type PullEvent } from './pull.js';

const { root, cacheDir, stopAt } = JSON.parse(process.argv[2] ?? '{}') as { root: string; cacheDir: string; stopAt: PullEvent['type'] | 'never' };
await pullCharts(root, {
  cacheDir,
  onEvent: async (event) => {
    process.stdout.write(`${JSON.stringify(event)}\n`);
    if (event.type === stopAt) await new Promise(() => undefined);
  },
});
process.stdout.write('"done"\n');
