import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'

/**
 * Test projects: `node` (core, main, cli) and `renderer` (jsdom) run in `npm test` on a fresh
 * clone; `corpus` reads `../shared/corpus`; `e2e` drives the built renderer in real Chromium.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/renderer/**', 'test/e2e/**', 'test/corpus/**'],
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
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
