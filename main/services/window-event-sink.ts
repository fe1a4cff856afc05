import type { BrowserWindow } from 'electron'
import type { EventChannel } from '../ipc/channels'
import { isEventChannel } from '../ipc/channels'
import type { EventPayload } from '../ipc/contract'
import { isAllowedAppUrl } from '../security/navigation-policy'
import type { EventSink } from './ports'

/** The window fields the sink uses. */
export type EventTargetWindow = Pick<BrowserWindow, 'isDestroyed'> & {
  readonly webContents: Pick<BrowserWindow['webContents'], 'send' | 'getURL' | 'isDestroyed'>
}

/** Options of {@link createWindowEventSink}. */
export interface WindowEventSinkOptions {
  /** The app's main window, or null while there is none (the sink then drops events). */
  readonly getWindow: () => EventTargetWindow | null
  /** The trusted dev-server origin (unpackaged development only). */
  readonly devServerOrigin?: string
}

/**
 * An {@link EventSink} that pushes events to our main window's `webContents`, and nowhere else.
 *
 * Events are dropped, not queued, when the window is gone or is not showing one of our own
 * documents: the renderer re-reads state (`scan:active`) when it mounts, so nothing is lost.
 */
export function createWindowEventSink(options: WindowEventSinkOptions): EventSink {
  return {
    emit<E extends EventChannel>(event: E, payload: EventPayload<E>): void {
      if (!isEventChannel(event)) return
      const win = options.getWindow()
      if (win === null || win.isDestroyed() || win.webContents.isDestroyed()) return
      if (!isAllowedAppUrl(win.webContents.getURL(), options.devServerOrigin)) return
      win.webContents.send(event, payload)
    },
  }
}
