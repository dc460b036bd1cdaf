import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// Many specifications run the real CLI as a child process on a 2-core CI machine;
// 5 s (vitest's default) is too tight for a test that starts several.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    env: {
      // A chart cache that holds nothing, so no test depends on what this machine has pulled into
      // ~/.cache/rke2-platform/charts; tests that render charts point it at a scratch cache of their own.
      PLATFORM_CHART_CACHE: join(tmpdir(), 'rke2-platform-tests-no-chart-cache'),
      PLATFORM_CHART_MIRROR: '',
    },
  },
});
