import { INPUT_SCHEMAS } from './contract'
import type { ChannelOutput, ParsedInput, Result } from './contract'
import type { InvokeChannel } from './channels'
import { isInvokeChannel } from './channels'
import { AppError } from '../core/model/errors'
import type { ErrorInfo } from '../core/model/errors'

/**
 * One handler per channel: a mapped type, so a channel without a handler does not compile.
 *
 * Handlers are thin: they parse nothing (dispatch did) and call one service or core function.
 */
export type HandlerTable = {
  readonly [C in InvokeChannel]: (
    input: ParsedInput<C>,
  ) => Promise<ChannelOutput<C>> | ChannelOutput<C>
}

/** Where unexpected errors (bugs) are reported; the caller only ever sees `INTERNAL`. */
export type BugReporter = (channel: string, error: unknown) => void

const defaultReporter: BugReporter = (channel, error) => {
  console.error(`[ipc] ${channel} failed unexpectedly`, error)
}

/**
 * Run one request through the table: check the channel, parse the input, run the handler and
 * wrap the outcome in the `{ ok, value | error }` envelope.
 *
 * Used by the Electron registration and by the loopback test transport alike, so both behave
 * the same.
 */
export async function dispatch(
  table: HandlerTable,
  channel: unknown,
  rawInput: unknown,
  reportBug: BugReporter = defaultReporter,
): Promise<Result<unknown>> {
  if (!isInvokeChannel(channel)) {
    return failure({ code: 'INVALID_INPUT', message: `Unknown channel ${JSON.stringify(channel)}` })
  }
  const parsed = INPUT_SCHEMAS[channel].safeParse(rawInput)
  if (!parsed.success) {
    const first = parsed.error.issues[0]
    const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : ''
    return failure({
      code: 'INVALID_INPUT',
      message: `Invalid input for ${channel}${where}: ${first?.message ?? 'rejected'}`,
    })
  }
  try {
    const handler = table[channel] as (input: unknown) => Promise<unknown>
    const value = await handler(parsed.data)
    return { ok: true, value: value ?? null }
  } catch (error: unknown) {
    if (error instanceof AppError) return failure(error.toInfo())
    reportBug(channel, error)
    return failure({ code: 'INTERNAL', message: 'An internal error occurred; it has been logged.' })
  }
}

function failure(error: ErrorInfo): Result<never> {
  return { ok: false, error }
}
