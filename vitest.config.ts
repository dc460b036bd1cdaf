import { defineConfig } from 'vitest/config';

// Many specifications run the real CLI as a child process on a 2-core CI machine;
// 5 s (vitest's default) is too tight for a test that starts several.
export default defineConfig({
  test: {
    testTimeout: 60_000,
  },
});
