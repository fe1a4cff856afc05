import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { bridgeScript } from '../../main/dev/bridge-script'
import { headlessPlatform } from '../../main/dev/headless-platform'
import type { LoopbackServer } from '../../main/dev/loopback-server'
import { startLoopbackServer } from '../../main/dev/loopback-server'
import type { AppServices } from '../../main/services/app-services'
import { createAppServices } from '../../main/services/app-services'
import { ROOT, sourceLauncher } from '../helpers/launcher'

/** The real core behind the loopback transport, serving the built renderer. */
export interface LoopbackApp {
  readonly server: LoopbackServer
  readonly services: AppServices
  close(): Promise<void>
}

/** Start it over `dataDir`; the renderer must have been built (`npm run test:e2e` does). */
export async function startLoopbackApp(
  dataDir: string,
  /** What the native dialogs answer, in order (then null: cancelled). */
  picks: (string | null)[] = [],
): Promise<LoopbackApp> {
  const rendererDir = join(ROOT, 'out/renderer')
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error('out/renderer is missing: run `npm run build` (npm run test:e2e builds first)')
  }
  let services: AppServices | null = null
  const server = await startLoopbackServer({
    handlers: () => {
      if (services === null) throw new Error('services not ready')
      return services.handlers
    },
    rendererDir,
    bridgeScript: bridgeScript(),
  })
  const ready = createAppServices({
    dataDir,
    bundledRulesDir: join(ROOT, 'rules'),
    platform: headlessPlatform({ picks }),
    events: server.events,
    launcher: sourceLauncher(),
    transport: 'loopback',
    appVersion: 'e2e',
  })
  services = ready
  return {
    server,
    services: ready,
    async close() {
      await ready.shutdown()
      await server.close()
    },
  }
}
