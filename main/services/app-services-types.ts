import type { HandlerTable } from '../ipc/dispatch'
import type { ScanChildLauncher } from '../core/scan/child/child-handle'
import type { EventSink, PlatformPorts } from './ports'

/** What the host hands the services when it starts them. */
export interface AppServicesOptions {
  /** Per-user data folder: settings, default case folder, compiled-rule cache. */
  readonly dataDir: string
  /** The default rule pack shipped with the app (`rules/` in the repo, `resources/rules` packaged). */
  readonly bundledRulesDir: string
  readonly platform: PlatformPorts
  readonly events: EventSink
  readonly launcher: ScanChildLauncher
  readonly transport: 'electron' | 'loopback'
  readonly appVersion: string
  /** Path of a better-sqlite3 `.node` built for this runtime (Electron's ABI), if not the default. */
  readonly nativeBinding?: string
}

/** The running services: the one handler table, and a clean shutdown. */
export interface AppServices {
  readonly handlers: HandlerTable
  /** Cancel a running scan (marked cancelled), close databases. */
  shutdown(): Promise<void>
}
