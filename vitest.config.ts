import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'
import { availableParallelism } from 'node:os'

/**
 * Test projects: `node` (core, main, cli) and `renderer` (jsdom) run in `npm test` on a fresh
 * clone; `corpus` reads `../shared/corpus`; `hardening` needs Debian tools and root or user
 * namespaces; `e2e` drives the built renderer in real Chromium.
 */
export default defineConfig({
  test: {
    // Vitest's default is one worker less than the cores: ONE on the 2-core CI machines. Most
    // suites wait on child processes, timers and disk, so two workers take ~40 % off the wall time.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: [
            'test/renderer/**',
            'test/e2e/**',
            'test/dev/**',
            'test/corpus/**',
            'test/hardening/**',
          ],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['test/renderer/setup.ts'],
          // jsdom renders a 100-row page in ~1 s alone, several times that on 2 busy cores.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'corpus',
          environment: 'node',
          include: ['test/corpus/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
      {
        // Hardening suites that need Debian tools (yara, mkfs.fat, mtools, unshare) or minutes:
        // crash loops, full disk, long fuzz runs, the differential test against classic YARA.
        test: {
          name: 'hardening',
          environment: 'node',
          include: ['test/hardening/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          // test/dev: the loopback transport the e2e tests use listens on 127.0.0.1, which the
          // offline run of `npm test` refuses.
          include: ['test/e2e/**/*.test.ts', 'test/dev/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Two files at a time (each its own Chromium and loopback app): 88 s instead of 117 s.
        },
      },
    ],
  },
})
