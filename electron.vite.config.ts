import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

/**
 * Build for the three Electron runtimes, with explicit entries (no `src/`).
 *
 * The main build also emits the plain-Node programs that share the core: the `outpost` CLI,
 * the scan child process and the loopback dev server (`npm run dev:web`).
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          index: resolve('main/index.ts'),
          cli: resolve('main/cli/index.ts'),
          'scan-child': resolve('main/core/scan/child/scan-child.ts'),
          // Bundle export/verify/import run in a worker thread (docs/background-work.md).
          'share-worker': resolve('main/core/share/worker/share-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rolldownOptions: {
        input: { index: resolve('main/preload/index.ts') },
        // A sandboxed preload must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      rolldownOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
})
