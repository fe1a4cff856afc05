import { act, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { Result } from '../../../../main/ipc/contract'
import type { ExportResult, ImportResult } from '../../../../main/core/model/sharing'
import { PartnersPanel } from '../../../../renderer/features/partners/PartnersPanel'
import { SharePanel } from '../../../../renderer/features/share/SharePanel'
import { fail, installFakeBridge } from '../../fake-bridge'
import type { FakeBridge } from '../../fake-bridge'
import { makeSigningKey, makeVerification } from '../../sharing-fixtures'

/** A call the test answers later (the task "runs" until then). */
function pending<T>(): { promise: Promise<Result<T>>; settle: (result: Result<T>) => void } {
  let settle: (result: Result<T>) => void = () => undefined
  const promise = new Promise<Result<T>>((resolve) => {
    settle = resolve
  })
  return { promise, settle }
}

function taskIdOf(bridge: FakeBridge, channel: 'share:export' | 'share:import'): string {
  const input = bridge.inputsOf(channel).at(-1) as { taskId?: string } | undefined
  if (input?.taskId === undefined) throw new Error(`${channel} was sent without a task id`)
  return input.taskId
}

describe('background share tasks in the UI', () => {
  it('shows export progress, cancels from the keyboard and says nothing was written', async () => {
    const exportCall = pending<ExportResult>()
    const bridge = installFakeBridge({
      'keys:list': {
        value: { keychain: true, keys: [makeSigningKey({ protection: 'os-keychain' })] },
      },
      'keys:trusted': { value: [] },
      'share:export': () => exportCall.promise,
      'task:cancel': { value: null },
    })
    const user = userEvent.setup()
    render(<SharePanel defaultTlp="amber" />)
    const form = await screen.findByRole('form', { name: 'Export' })
    await user.type(within(form).getByRole('textbox', { name: 'Destination folder' }), '/out')
    await user.click(within(form).getByRole('button', { name: 'Export bundle' }))

    const bar = await within(form).findByRole('group', { name: 'Export in progress' })
    expect(bar.textContent).toContain('Starting')
    const taskId = taskIdOf(bridge, 'share:export')
    act(() => {
      bridge.emit('task:progress', {
        taskId: crypto.randomUUID(),
        kind: 'export',
        phase: 'someone else',
        done: 9,
        total: 9,
      })
      bridge.emit('task:progress', {
        taskId,
        kind: 'export',
        phase: 'building STIX',
        done: 1,
        total: 7,
      })
    })
    expect(bar.textContent).toContain('Building STIX — 1 of 7')
    expect(bar.textContent).not.toContain('someone else')
    expect(
      within(bar).getByRole<HTMLProgressElement>('progressbar', { name: 'Export progress' }).value,
    ).toBe(1)
    expect(within(form).getByRole('button', { name: 'Exporting…' })).toHaveProperty(
      'disabled',
      true,
    )

    within(bar).getByRole('button', { name: 'Cancel' }).focus()
    await user.keyboard('{Enter}')
    expect(bridge.inputsOf('task:cancel')).toEqual([{ taskId }])
    await act(async () => {
      exportCall.settle(fail('CANCELLED', 'Cancelled — nothing was written.'))
      await exportCall.promise
    })

    expect((await within(form).findByRole('status')).textContent).toBe(
      'Export cancelled — nothing was written.',
    )
    expect(within(form).queryByRole('alert')).toBeNull()
    expect(within(form).queryByRole('group', { name: 'Export in progress' })).toBeNull()
    expect(within(form).getByRole('button', { name: 'Export bundle' })).toHaveProperty(
      'disabled',
      false,
    )
  })

  it('shows import progress with a cancel, and an error that is not a cancel as an alert', async () => {
    const importCall = pending<ImportResult>()
    const bridge = installFakeBridge({
      'partners:list': { value: [] },
      'share:verify': { value: makeVerification() },
      'share:import': () => importCall.promise,
      'task:cancel': { value: null },
    })
    const user = userEvent.setup()
    render(<PartnersPanel />)
    const form = await screen.findByRole('form', { name: "Check a partner's bundle" })
    await user.type(within(form).getByRole('textbox', { name: 'Bundle file' }), '/in/b.zip')
    await user.click(within(form).getByRole('button', { name: 'Verify' }))
    await user.click(await within(form).findByRole('button', { name: 'Import into this case' }))

    const bar = await within(form).findByRole('group', { name: 'Import in progress' })
    const taskId = taskIdOf(bridge, 'share:import')
    act(() => {
      bridge.emit('task:progress', {
        taskId,
        kind: 'import',
        phase: 'importing findings',
        done: 2500,
        total: 10000,
      })
    })
    expect(bar.textContent).toContain('Importing findings — 2,500 of 10,000')
    await user.click(within(bar).getByRole('button', { name: 'Cancel' }))
    expect(bridge.inputsOf('task:cancel')).toEqual([{ taskId }])
    expect(within(bar).getByRole('button', { name: 'Cancelling…' })).toHaveProperty(
      'disabled',
      true,
    )
    await act(async () => {
      importCall.settle(
        fail('INTERNAL', 'The background import stopped: out of memory. Try again.'),
      )
      await importCall.promise
    })

    const alert = await within(form).findByRole('alert')
    expect(alert.textContent).toContain('out of memory')
    expect(within(form).queryByText(/cancelled/)).toBeNull()
  })
})
