import { act, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { RuleTestResult } from '../../../../main/core/model/rule-editor'
import type { Result } from '../../../../main/ipc/contract'
import { RuleEditorPanel } from '../../../../renderer/features/rules/RuleEditorPanel'
import { fail, installFakeBridge } from '../../fake-bridge'
import { makeEvidence } from '../../fixtures'

const GOOD = 'rule Demo { strings: $a = "abc" condition: $a }\n'

describe('rule editor — test on file as a background task', () => {
  it('shows compiling and scanning, cancels, and says nothing was written', async () => {
    let settle: (result: Result<RuleTestResult>) => void = () => undefined
    const bridge = installFakeBridge({
      'authoring:list': {
        value: { folder: '/a', files: [], releaseCommand: 'outpost rules pack /a' },
      },
      'evidence:list': { value: [makeEvidence({ id: 3, label: 'Laptop' })] },
      'rules:validateSource': { value: [] },
      'rules:testOnFile': () =>
        new Promise<Result<RuleTestResult>>((resolve) => {
          settle = resolve
        }),
      'task:cancel': { value: null },
    })
    const user = userEvent.setup()
    render(<RuleEditorPanel initialSource={GOOD} selectedFileId={7} />)
    await screen.findByText('No errors or warnings.')
    await user.click(screen.getByRole('button', { name: 'Test on file' }))

    const bar = await screen.findByRole('group', { name: 'Rule test in progress' })
    const { taskId } = bridge.inputsOf('rules:testOnFile')[0] as { taskId: string }
    act(() => {
      bridge.emit('task:progress', {
        taskId,
        kind: 'rule-test',
        phase: 'compiling',
        done: 0,
        total: 2,
      })
    })
    expect(bar.textContent).toContain('Compiling — 0 of 2')
    act(() => {
      bridge.emit('task:progress', {
        taskId,
        kind: 'rule-test',
        phase: 'scanning',
        done: 1,
        total: 2,
      })
    })
    expect(bar.textContent).toContain('Scanning — 1 of 2')
    expect(screen.getByRole('button', { name: 'Test on file' })).toHaveProperty('disabled', true)

    await user.click(within(bar).getByRole('button', { name: 'Cancel' }))
    expect(bridge.inputsOf('task:cancel')).toEqual([{ taskId }])
    await act(async () => {
      settle(fail('CANCELLED', 'Cancelled — nothing was written.'))
      await Promise.resolve()
    })

    expect(await screen.findByText('Rule test cancelled — nothing was written.')).toBeTruthy()
    expect(screen.queryByRole('alert')).toBeNull()
    expect(screen.getByRole('button', { name: 'Test on file' })).toHaveProperty('disabled', false)
  })
})
