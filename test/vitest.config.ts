// Three projects: fast unit tests of the domain code, integration tests against the real local stack, and the
// console's end-to-end tests in Chromium, which run after the others on a stack of their own: a browser competing
// for this machine's two cores with the fault tests would slow both past their timeouts.
import { defineConfig } from 'vitest/config';

const againstTheStack = {
  environment: 'node' as const,
  globalSetup: ['test/integration/global-setup.ts'],
  testTimeout: 60_000,
  hookTimeout: 120_000,
};

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          // A limit on a hung test, not a speed check (speed is measured in bench/): photo and snapshot tests take
          // seconds on a loaded two-core machine.
          testTimeout: 30_000,
        },
      },
      {
        test: { name: 'integration', include: ['test/integration/**/*.test.ts'], ...againstTheStack },
      },
      {
        // The functions as `cdk synth` bundled them (`npm start -- --bundled`), on a stack of their own: a subset of the
        // integration tests that calls every function through every kind of event source, so that a bundle that
        // cannot load or run fails here. After the others, for the same reason as the browser tests.
        test: {
          name: 'bundled',
          include: [
            'test/bundled/**/*.test.ts',
            'test/integration/images.test.ts',
            'test/integration/certificates.test.ts',
            'test/integration/alerts.test.ts',
            'test/integration/feeds.test.ts',
          ],
          ...againstTheStack,
          sequence: { groupOrder: 2 },
        },
      },
      {
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], ...againstTheStack, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
