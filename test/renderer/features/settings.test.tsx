import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { AppSettings } from '../../../main/core/model/settings'
import { App } from '../../../renderer/App'
import { SettingsPanel } from '../../../renderer/features/settings/SettingsPanel'
import { fail, installFakeBridge, ok } from '../fake-bridge'
import { baseResponses, makeCase } from '../fixtures'
import { makeSettings } from '../workbench-fixtures'

afterEach(() => {
  delete document.documentElement.dataset.theme
})

/** A bridge whose settings:set merges like the store does (limits included). */
function settingsBridge(initial: AppSettings = makeSettings()) {
  let current = initial
  return installFakeBridge({
    ...baseResponses(),
    'keys:list': { value: { keychain: true, keys: [] } },
    'keys:trusted': { value: [] },
    'settings:get': () => ok(current),
    'settings:set': (input) => {
      const patch = input as Partial<AppSettings> & { scanLimits?: AppSettings['scanLimits'] }
      current = {
        ...current,
        ...patch,
        scanLimits: { ...current.scanLimits, ...patch.scanLimits },
      }
      return ok(current)
    },
    'case:setExaminer': (input) =>
      ok(makeCase({ examiner: (input as { examiner: string }).examiner })),
    'case:setDefaultTlp': (input) => ok(makeCase({ defaultTlp: (input as { tlp: 'red' }).tlp })),
  })
}

function renderSettings(onCaseChanged = vi.fn()) {
  render(<SettingsPanel caseInfo={makeCase()} onCaseChanged={onCaseChanged} />)
  return onCaseChanged
}

describe('SettingsPanel', () => {
  it('saves the default examiner and changes the case examiner, by keyboard', async () => {
    const bridge = settingsBridge()
    const onCaseChanged = renderSettings()
    const user = userEvent.setup()

    const name = await screen.findByRole('textbox', { name: 'Your name (for new cases)' })
    await user.click(name)
    await user.keyboard('B. Examiner{Enter}')
    const caseExaminer = screen.getByRole('textbox', { name: 'Examiner of this case' })
    await user.clear(caseExaminer)
    await user.type(caseExaminer, 'C. Successor{Enter}')

    expect(bridge.inputsOf('settings:set')).toEqual([{ examinerName: 'B. Examiner' }])
    expect(bridge.inputsOf('case:setExaminer')).toEqual([{ examiner: 'C. Successor' }])
    await waitFor(() => {
      expect(onCaseChanged).toHaveBeenCalledWith(makeCase({ examiner: 'C. Successor' }))
    })
    expect(screen.getByText('Examiner changed; the audit log records it.')).toBeTruthy()
  })

  it('refuses an empty case examiner without calling main', async () => {
    const bridge = settingsBridge()
    renderSettings()
    const user = userEvent.setup()

    await user.clear(await screen.findByRole('textbox', { name: 'Examiner of this case' }))
    await user.click(screen.getByRole('button', { name: 'Change examiner' }))

    expect((await screen.findByRole('alert')).textContent).toContain(
      'Enter the examiner of this case.',
    )
    expect(bridge.inputsOf('case:setExaminer')).toEqual([])
  })

  it('sets the default TLP for new cases and for this case', async () => {
    const bridge = settingsBridge()
    const onCaseChanged = renderSettings()
    const user = userEvent.setup()

    await user.selectOptions(
      await screen.findByRole('combobox', { name: 'Default TLP for new cases' }),
      'green',
    )
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Default TLP of this case' }),
      'red',
    )

    expect(bridge.inputsOf('settings:set')).toEqual([{ defaultTlp: 'green' }])
    expect(bridge.inputsOf('case:setDefaultTlp')).toEqual([{ tlp: 'red' }])
    await waitFor(() => {
      expect(onCaseChanged).toHaveBeenCalledWith(makeCase({ defaultTlp: 'red' }))
    })
  })

  it('saves scan limits in the units shown, and refuses out-of-range values', async () => {
    const bridge = settingsBridge()
    renderSettings()
    const user = userEvent.setup()

    const timeout = await screen.findByRole('spinbutton', { name: 'Engine timeout per file (s)' })
    expect((timeout as HTMLInputElement).value).toBe('60')
    await user.clear(timeout)
    await user.type(timeout, '30')
    const processes = screen.getByRole('spinbutton', { name: 'Scan processes (processes)' })
    await user.clear(processes)
    await user.type(processes, '99{Enter}')
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Scan processes: enter a whole number from 1 to 64 processes.',
    )
    expect(bridge.inputsOf('settings:set')).toEqual([])

    await user.clear(processes)
    await user.type(processes, '2{Enter}')

    await waitFor(() => {
      expect(bridge.inputsOf('settings:set')).toEqual([
        {
          scanLimits: {
            maxFileBytes: 256 * 1024 * 1024,
            engineTimeoutMs: 30_000,
            hardDeadlineMs: 90_000,
            matchCapPerPattern: 1000,
            processes: 2,
          },
        },
      ])
    })
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('refuses a hard deadline not above the timeout, and restores the defaults', async () => {
    const bridge = settingsBridge()
    renderSettings()
    const user = userEvent.setup()

    const deadline = await screen.findByRole('spinbutton', { name: 'Hard deadline per file (s)' })
    await user.clear(deadline)
    await user.type(deadline, '60{Enter}')
    expect((await screen.findByRole('alert')).textContent).toContain(
      'The hard deadline must be longer than the engine timeout.',
    )
    await user.click(screen.getByRole('button', { name: 'Restore defaults' }))

    expect(bridge.inputsOf('settings:set')).toEqual([{ scanLimits: null }])
    expect(await screen.findByText('Default limits restored.')).toBeTruthy()
  })

  it('shows the keys and trust cards of the Share section', async () => {
    settingsBridge()
    renderSettings()

    const keys = await screen.findByRole('region', { name: 'Keys and trust' })
    expect(await within(keys).findByRole('region', { name: 'Your signing keys' })).toBeTruthy()
    expect(within(keys).getByRole('form', { name: /signing key/i })).toBeTruthy()
  })

  it('applies the theme to <html> at once and saves it', async () => {
    const bridge = settingsBridge()
    renderSettings()
    const user = userEvent.setup()

    const system = await screen.findByRole('radio', { name: 'Follow the system' })
    expect((system as HTMLInputElement).checked).toBe(true)
    await user.click(screen.getByRole('radio', { name: 'Dark' }))
    expect(document.documentElement.dataset.theme).toBe('dark')
    await waitFor(() => {
      expect(screen.getByRole<HTMLInputElement>('radio', { name: 'Dark' }).checked).toBe(true)
    })
    await user.click(screen.getByRole('radio', { name: 'Light' }))

    expect(document.documentElement.dataset.theme).toBe('light')
    expect(bridge.inputsOf('settings:set')).toEqual([{ theme: 'dark' }, { theme: 'light' }])
  })

  it('shows the theme chosen at once, and puts it back when the save is refused', async () => {
    const bridge = settingsBridge()
    let answer: () => void = () => undefined
    const gate = new Promise<void>((resolve) => {
      answer = resolve
    })
    bridge.respond('settings:set', async () => {
      await gate
      return fail('INTERNAL', 'The settings file could not be written.')
    })
    renderSettings()
    const user = userEvent.setup()
    await user.click(await screen.findByRole('radio', { name: 'Dark' }))
    // Before main answers: checked and applied.
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'Dark' }).checked).toBe(true)
    expect(document.documentElement.dataset.theme).toBe('dark')
    answer()
    await waitFor(() => {
      expect(
        screen.getByRole<HTMLInputElement>('radio', { name: 'Follow the system' }).checked,
      ).toBe(true)
    })
    expect(document.documentElement.dataset.theme).toBe('system')
    expect((await screen.findByRole('alert')).textContent).toContain('Could not save the theme')
  })

  it('says so when the settings cannot be read', async () => {
    installFakeBridge({
      ...baseResponses(),
      'keys:list': { value: { keychain: true, keys: [] } },
      'keys:trusted': { value: [] },
      'settings:get': () => fail('INTERNAL', 'The settings file could not be read.'),
    })
    renderSettings()

    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain(
      "Could not read the settings; the app's defaults are in use",
    )
  })
})

describe('theme at startup', () => {
  it('applies the saved theme on the start screen', async () => {
    installFakeBridge({
      ...baseResponses(),
      'settings:get': { value: makeSettings({ theme: 'dark' }) },
    })
    render(<App />)

    await screen.findByRole('form', { name: 'New case' })
    await waitFor(() => {
      expect(document.documentElement.dataset.theme).toBe('dark')
    })
  })

  it('follows the system when the settings cannot be read', async () => {
    document.documentElement.dataset.theme = 'dark'
    installFakeBridge({
      ...baseResponses(),
      'settings:get': () => fail('INTERNAL', 'unreadable'),
    })
    render(<App />)

    await waitFor(() => {
      expect(document.documentElement.dataset.theme).toBe('system')
    })
  })

  it('prefills the new-case form from the settings', async () => {
    const bridge = installFakeBridge({
      ...baseResponses(),
      'settings:get': { value: makeSettings({ examinerName: 'B. Examiner', defaultTlp: 'red' }) },
      'case:create': { value: makeCase() },
    })
    const user = userEvent.setup()
    render(<App />)

    const examiner = await screen.findByRole('textbox', { name: 'Examiner' })
    await waitFor(() => {
      expect((examiner as HTMLInputElement).value).toBe('B. Examiner')
    })
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Default TLP' }).value).toBe(
      'red',
    )
    await user.type(screen.getByRole('textbox', { name: 'Case name' }), 'Prefilled')
    await user.click(screen.getByRole('button', { name: 'Create case' }))

    expect(bridge.inputsOf('case:create')).toEqual([
      { name: 'Prefilled', examiner: 'B. Examiner', defaultTlp: 'red' },
    ])
  })
})
