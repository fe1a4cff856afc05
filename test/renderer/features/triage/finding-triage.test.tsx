import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { FindingRow } from '../../../../main/core/model/findings'
import { FindingTriage } from '../../../../renderer/features/triage/FindingTriage'
import { fail, installFakeBridge } from '../../fake-bridge'
import { baseResponses, makeFindingRow } from '../../fixtures'

function setup(finding: FindingRow = makeFindingRow({ id: 7, tags: ['apt-x'] })) {
  const fake = installFakeBridge({
    ...baseResponses(),
    'findings:setTriage': { value: { changed: 1 } },
    'findings:setTags': { value: { changed: 1 } },
  })
  const onChanged = vi.fn()
  const view = render(<FindingTriage finding={finding} onChanged={onChanged} />)
  return { fake, onChanged, view }
}

const section = () => screen.getByRole('region', { name: 'Triage' })
const checked = () =>
  screen.getAllByRole<HTMLInputElement>('radio').find((r) => r.checked)?.value ?? null

describe('FindingTriage', () => {
  it('sets the status with n r c f b once the section has focus, and reports each change', async () => {
    const { fake, onChanged } = setup()
    const user = userEvent.setup()
    await user.tab()
    expect(document.activeElement).toBe(section())
    expect(checked()).toBe('new')

    await user.keyboard('c')
    await waitFor(() => {
      expect(onChanged).toHaveBeenCalledTimes(1)
    })
    expect(checked()).toBe('confirmed')
    await user.keyboard('f')
    await waitFor(() => {
      expect(onChanged).toHaveBeenCalledTimes(2)
    })
    // Same status again, and a key with Ctrl: nothing sent.
    await user.keyboard('f{Control>}b{/Control}')
    expect(fake.inputsOf('findings:setTriage')).toEqual([
      { findingIds: [7], status: 'confirmed' },
      { findingIds: [7], status: 'false-positive' },
    ])
    expect(checked()).toBe('false-positive')
  })

  it('focuses the tag field with t; keys typed there are tags, not triage', async () => {
    const { fake, onChanged } = setup()
    const user = userEvent.setup()
    await user.tab()
    await user.keyboard('t')
    const field = screen.getByRole<HTMLInputElement>('combobox', { name: 'Add a tag' })
    expect(document.activeElement).toBe(field)
    await user.keyboard('Credential Theft{Enter}')
    await waitFor(() => {
      expect(onChanged).toHaveBeenCalledTimes(1)
    })
    expect(fake.inputsOf('findings:setTriage')).toEqual([])
    expect(fake.inputsOf('findings:setTags')).toEqual([
      { findingIds: [7], add: ['credential-theft'], remove: [] },
    ])
    expect(screen.getByRole('list', { name: 'Tags' }).textContent).toContain('credential-theft')
  })

  it('removes a tag from the keyboard', async () => {
    const { fake } = setup()
    const user = userEvent.setup()
    screen.getByRole('button', { name: 'Remove tag apt-x' }).focus()
    await user.keyboard('{Enter}')
    await waitFor(() => {
      expect(fake.inputsOf('findings:setTags')).toEqual([
        { findingIds: [7], add: [], remove: ['apt-x'] },
      ])
    })
    expect(await screen.findByText('No tags yet.')).toBeTruthy()
  })

  it('puts the old status back and says what failed when the change is refused', async () => {
    const { fake, onChanged } = setup()
    fake.respond('findings:setTriage', {
      result: fail('NOT_FOUND', 'There is no finding 7 in this case: nothing was changed.'),
    })
    const user = userEvent.setup()
    await user.tab()
    await user.keyboard('b')
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('Could not change the triage status')
    expect(alert.textContent).toContain('nothing was changed')
    expect(checked()).toBe('new')
    expect(onChanged).not.toHaveBeenCalled()
  })

  it('shows the reloaded finding the caller passes after a change', async () => {
    const { view } = setup()
    view.rerender(
      <FindingTriage
        finding={makeFindingRow({ id: 7, triageStatus: 'benign', tags: ['apt-x', 'late'] })}
        onChanged={() => undefined}
      />,
    )
    await waitFor(() => {
      expect(checked()).toBe('benign')
    })
    expect(screen.getByRole('list', { name: 'Tags' }).textContent).toContain('late')
  })
})
