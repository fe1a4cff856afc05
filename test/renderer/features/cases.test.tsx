import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { StartScreen } from '../../../renderer/features/cases/StartScreen'
import { fail, installFakeBridge, ok } from '../fake-bridge'
import { baseResponses, makeCase } from '../fixtures'

describe('StartScreen', () => {
  it('creates a case with the typed values and hands it over', async () => {
    const created = makeCase()
    const bridge = installFakeBridge({ ...baseResponses(), 'case:create': { value: created } })
    const onOpened = vi.fn()
    const user = userEvent.setup()
    render(<StartScreen onOpened={onOpened} />)

    await user.type(screen.getByRole('textbox', { name: 'Case name' }), 'Operation Lantern')
    await user.type(screen.getByRole('textbox', { name: 'Examiner' }), 'A. Analyst')
    await user.type(screen.getByRole('textbox', { name: 'Case number (optional)' }), '2024-117')
    await user.click(screen.getByRole('button', { name: 'Create case' }))

    expect(bridge.inputsOf('case:create')).toEqual([
      {
        name: 'Operation Lantern',
        examiner: 'A. Analyst',
        caseNumber: '2024-117',
        defaultTlp: 'amber',
      },
    ])
    expect(onOpened).toHaveBeenCalledWith(created)
  })

  it('passes the location chosen in the dialog, suggesting a file name from the case name', async () => {
    const bridge = installFakeBridge({
      ...baseResponses(),
      'dialog:pickNewCaseFile': { value: '/cases/new.outpost' },
      'case:create': { value: makeCase() },
    })
    const user = userEvent.setup()
    render(<StartScreen onOpened={vi.fn()} />)

    await user.type(screen.getByRole('textbox', { name: 'Case name' }), 'A/B: test')
    await user.type(screen.getByRole('textbox', { name: 'Examiner' }), 'Me')
    await user.click(screen.getByRole('button', { name: 'Choose location…' }))
    await user.click(screen.getByRole('button', { name: 'Create case' }))

    expect(bridge.inputsOf('dialog:pickNewCaseFile')).toEqual([{ suggestedName: 'A_B_ test' }])
    expect(
      screen.getByRole<HTMLInputElement>('textbox', { name: /Case file location/ }).value,
    ).toBe('/cases/new.outpost')
    expect(bridge.inputsOf('case:create')).toEqual([
      { name: 'A/B: test', examiner: 'Me', path: '/cases/new.outpost', defaultTlp: 'amber' },
    ])
  })

  it('does not call main without a name and examiner', async () => {
    const bridge = installFakeBridge(baseResponses())
    const user = userEvent.setup()
    render(<StartScreen onOpened={vi.fn()} />)

    await user.click(screen.getByRole('button', { name: 'Create case' }))

    expect(bridge.inputsOf('case:create')).toEqual([])
    expect(screen.getByRole('alert').textContent).toContain('Enter a case name and the examiner.')
  })

  it('shows the error envelope with its code', async () => {
    installFakeBridge({
      ...baseResponses(),
      'case:create': () => fail('CASE_EXISTS', 'A case already exists at /cases/x.outpost'),
    })
    const user = userEvent.setup()
    render(<StartScreen onOpened={vi.fn()} />)

    await user.type(screen.getByRole('textbox', { name: 'Case name' }), 'X')
    await user.type(screen.getByRole('textbox', { name: 'Examiner' }), 'Y')
    await user.click(screen.getByRole('button', { name: 'Create case' }))

    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('A case already exists at /cases/x.outpost')
    expect(alert.textContent).toContain('CASE_EXISTS')
  })

  it('opens a typed path, a picked file and a recent case', async () => {
    const info = makeCase()
    const bridge = installFakeBridge({
      ...baseResponses(),
      'case:recent': {
        value: [{ path: '/cases/old.outpost', name: 'Old case', openedAt: '2024-01-01T00:00:00Z' }],
      },
      'dialog:pickCaseFile': { value: '/cases/picked.outpost' },
      'case:open': () => ok(info),
    })
    const onOpened = vi.fn()
    const user = userEvent.setup()
    render(<StartScreen onOpened={onOpened} />)

    await user.type(screen.getByRole('textbox', { name: 'Case file path' }), '/cases/typed.outpost')
    await user.click(screen.getByRole('button', { name: 'Open case' }))
    await user.click(screen.getByRole('button', { name: 'Choose case file…' }))
    await user.click(await screen.findByRole('button', { name: /Old case/ }))

    expect(bridge.inputsOf('case:open')).toEqual([
      { path: '/cases/typed.outpost' },
      { path: '/cases/picked.outpost' },
      { path: '/cases/old.outpost' },
    ])
    expect(onOpened).toHaveBeenCalledTimes(3)
  })

  it('shows the versions from app:info in the footer', async () => {
    installFakeBridge(baseResponses())
    render(<StartScreen onOpened={vi.fn()} />)

    const footer = screen.getByRole('contentinfo')
    await waitFor(() => {
      expect(footer.textContent).toContain('Outpost 0.1.0 · engine yara-x 1.0.0 · binding 0.7.2')
    })
    expect(screen.getByText('No recent cases.')).toBeTruthy()
  })
})
