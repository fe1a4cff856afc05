import type { IpcMain } from 'electron'
import { INVOKE_CHANNELS } from './channels'
import type { InvokeChannel } from './channels'
import type { Result } from './contract'
import { dispatch } from './dispatch'
import type { BugReporter, HandlerTable } from './dispatch'
import { AppError } from '../core/model/errors'
import type { DenialSink } from '../security/denial-log'
import { isAllowedAppUrl } from '../security/navigation-policy'
import type { WindowRegistry } from '../security/window-registry'

/** The frame fields the sender check reads (a structural subset of `WebFrameMain`). */
export interface SenderFrameLike {
  readonly url: string
  readonly parent: unknown
  readonly detached?: boolean
}

/** The event fields the sender check reads (a structural subset of `IpcMainInvokeEvent`). */
export interface InvokeEventLike {
  readonly sender: { readonly id: number }
  readonly senderFrame: SenderFrameLike | null
}

/** Who may call: windows we created, showing our own documents. */
export interface SenderPolicy {
  readonly registry: Pick<WindowRegistry, 'has'>
  /** The trusted dev-server origin (unpackaged development only). */
  readonly devServerOrigin?: string
}

/**
 * Why `event` comes from an untrusted sender, or null when it is trusted.
 *
 * Trusted means all of: the frame still exists (`senderFrame` is null after a navigation or a
 * destroyed frame), it is a main frame (`parent === null`), its `webContents` is one we created,
 * and it shows an `app://bundle/` document (or the dev server in unpackaged development).
 * Electron throws when a disposed frame is touched: that counts as untrusted.
 */
export function untrustedSenderReason(event: InvokeEventLike, policy: SenderPolicy): string | null {
  try {
    const frame = event.senderFrame
    if (frame === null) return 'no sender frame'
    if (frame.detached === true) return 'detached frame'
    if (frame.parent !== null) return 'not a main frame'
    if (!policy.registry.has(event.sender.id)) return 'unknown webContents'
    if (!isAllowedAppUrl(frame.url, policy.devServerOrigin)) return 'foreign document'
    return null
  } catch {
    return 'frame unavailable'
  }
}

/**
 * Throw `UNTRUSTED_SENDER` unless `event` comes from our own window's main frame.
 *
 * @throws AppError UNTRUSTED_SENDER (see {@link untrustedSenderReason} for the rules).
 */
export function assertTrustedSender(event: InvokeEventLike, policy: SenderPolicy): void {
  if (untrustedSenderReason(event, policy) !== null) throw untrustedSenderError()
}

function untrustedSenderError(): AppError {
  return new AppError('UNTRUSTED_SENDER', 'This window is not allowed to call Outpost.')
}

/** Options of {@link registerIpc}. */
export interface RegisterIpcOptions extends SenderPolicy {
  readonly onDenied: DenialSink
  readonly reportBug?: BugReporter
}

/** What {@link registerIpc} registered, and how to take it back. */
export interface IpcRegistration {
  readonly channels: readonly InvokeChannel[]
  /** Remove every handler (on quit, and between tests). */
  dispose(): void
}

const live = new Set<InvokeChannel>()

/** The channels currently registered through {@link registerIpc} (the one wrapper). */
export function registeredIpcChannels(): readonly InvokeChannel[] {
  return [...live]
}

/**
 * THE `ipcMain.handle` loop: one handler per invoke channel, each behind the sender check.
 *
 * Trusted requests go to `dispatch` (parse, run, envelope); untrusted ones get an
 * `UNTRUSTED_SENDER` envelope and never reach a handler or the input parser. Nothing else in the
 * main process calls `ipcMain.handle` (a test greps for it), and there is no `ipcMain.on`.
 *
 * @throws Error when the channels are already registered (Electron would throw too).
 */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  handlers: HandlerTable,
  options: RegisterIpcOptions,
): IpcRegistration {
  if (live.size > 0) throw new Error('IPC handlers are already registered')
  const { onDenied, reportBug } = options
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, async (event, input: unknown): Promise<Result<unknown>> => {
      const reason = untrustedSenderReason(event, options)
      if (reason !== null) {
        onDenied({ kind: 'ipc-sender', target: `${channel} (${reason})` })
        return { ok: false, error: untrustedSenderError().toInfo() }
      }
      return dispatch(handlers, channel, input, reportBug)
    })
    live.add(channel)
  }
  return {
    channels: [...INVOKE_CHANNELS],
    dispose() {
      for (const channel of INVOKE_CHANNELS) {
        ipcMain.removeHandler(channel)
        live.delete(channel)
      }
    },
  }
}
