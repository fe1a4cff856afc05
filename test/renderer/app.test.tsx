import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { App } from '../../renderer/App'
import { SECTION_LABELS, SECTIONS } from '../../renderer/features/workbench/sections'
import { fail, installFakeBridge, ok } from './fake-bridge'
import { baseResponses, makeCase } from './fixtures'

describe('App', () => {
  it('starts on the start screen when no case is open', async () => {
    installFakeBridge(baseResponses())
    render(<App />)

    expect(await screen.findByRole('form', { name: 'New case' })).toBeTruthy()
    expect(screen.getByRole('form', { name: 'Open case' })).toBeTruthy()
  })

  it('opens the workbench on the case main already has open', async () => {
    installFakeBridge({ ...baseResponses(), 'case:current': { value: makeCase() } })
    render(<App />)

    const banner = await screen.findByRole('banner')
    expect(within(banner).getByRole('heading', { level: 1 }).textContent).toBe('Operation Lantern')
    expect(banner.textContent).toContain('A. Analyst')
    expect(banner.textContent).toContain('2024-117')
    const nav = screen.getByRole('navigation', { name: 'Sections' })
    expect(
      within(nav)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(SECTIONS.map((s) => SECTION_LABELS[s]))
    expect(SECTIONS[0]).toBe('home')
    expect(SECTIONS.at(-1)).toBe('settings')
    expect(within(nav).getByRole('button', { name: 'Home' }).getAttribute('aria-current')).toBe(
      'page',
    )
  })

  it('goes from a new case through the sections and back to the start screen', async () => {
    installFakeBridge({
      ...baseResponses(),
      'case:create': { value: makeCase({ name: 'Fresh case' }) },
      'case:close': () => ok(null),
    })
    const user = userEvent.setup()
    render(<App />)

    await user.type(await screen.findByRole('textbox', { name: 'Case name' }), 'Fresh case')
    await user.type(screen.getByRole('textbox', { name: 'Examiner' }), 'Me')
    await user.click(screen.getByRole('button', { name: 'Create case' }))
    await user.click(await screen.findByRole('button', { name: 'Add evidence' }))
    expect(
      await screen.findByText('No evidence yet — add a folder, file or disk image.'),
    ).toBeTruthy()

    const nav = screen.getByRole('navigation', { name: 'Sections' })
    await user.click(within(nav).getByRole('button', { name: 'Findings' }))
    expect(await screen.findByText('No findings yet — run a scan.')).toBeTruthy()
    await user.click(within(nav).getByRole('button', { name: 'Audit' }))
    expect(screen.getByRole('button', { name: 'Verify audit log' })).toBeTruthy()

    await user.click(screen.getByRole('button', { name: 'Close case' }))
    expect(await screen.findByRole('form', { name: 'New case' })).toBeTruthy()
  })

  it('shows why the open case could not be read', async () => {
    installFakeBridge({
      ...baseResponses(),
      'case:current': () => fail('CASE_CORRUPT', 'The case database is damaged.'),
    })
    render(<App />)

    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('The case database is damaged.')
    expect(alert.textContent).toContain('CASE_CORRUPT')
  })

  it('says so when there is no bridge at all', async () => {
    render(<App />)

    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('The Outpost bridge is not available')
  })
})
