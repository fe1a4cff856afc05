/**
 * `npm run dev:web`: the real renderer against the real core in an ordinary browser, over the
 * loopback transport, for machines without the Electron binary. Loopback only; the URL with its
 * token is printed. Data lives in `.outpost-dev/` of the repository.
 */
import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { createNodeChildLauncher } from '../core/scan/child/node-child-launcher'
import { createAppServices } from '../services/app-services'
import type { AppServices } from '../services/app-services'
import { bridgeScript } from './bridge-script'
import { headlessPlatform } from './headless-platform'
import { startLoopbackServer } from './loopback-server'

const root = fileURLToPath(new URL('../..', import.meta.url))
const dataDir = `${root}.outpost-dev`
mkdirSync(dataDir, { recursive: true })
let services: AppServices | null = null
const server = await startLoopbackServer({
  handlers: () => {
    if (services === null) throw new Error('services not ready')
    return services.handlers
  },
  rendererDir: `${root}out/renderer`,
  bridgeScript: bridgeScript(),
  port: Number(process.env['OUTPOST_PORT'] ?? 0),
})
services = createAppServices({
  dataDir,
  bundledRulesDir: `${root}rules`,
  platform: headlessPlatform(),
  events: server.events,
  launcher: createNodeChildLauncher({
    path: `${root}main/core/scan/child/scan-child.ts`,
    execArgv: ['--import', 'tsx'],
    cwd: root,
  }),
  transport: 'loopback',
  appVersion: process.env['npm_package_version'] ?? '0.1.0',
})
process.stdout.write(
  `Outpost (browser preview) on loopback only — open:\n  ${server.url}\nData folder: ${dataDir}\nCtrl-C to stop.\n`,
)
const stop = (): void => {
  void (services as AppServices | null)
    ?.shutdown()
    .then(() => server.close())
    .then(() => process.exit(0))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
