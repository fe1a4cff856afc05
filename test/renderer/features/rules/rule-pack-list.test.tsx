import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { RulesPanel } from '../../../../renderer/features/rules/RulesPanel'
import { fail, installFakeBridge } from '../../fake-bridge'
import { expectInert, HOSTILE } from '../../hostile'
import { V1, V2, pack, rule, DIFF, preview, bridge, importForm } from './pack-fixtures'

describe('RulesPanel: installed packs, versions and rules', () => {
  it('lists installed packs with signer, version, sequence, rules and TLP', async () => {
    bridge()
    render(<RulesPanel />)
    const table = await screen.findByRole('table', { name: 'Installed rule packs' })
    const row = within(table).getAllByRole('row')[1] as HTMLElement
    expect(row.textContent).toContain('harbour-rules')
    expect(row.textContent).toContain('Signed by Harbour CSIRT (trusted)')
    expect(row.textContent).toContain('1.0.0')
    expect(row.textContent).toContain('24')
    expect(row.textContent).toContain('TLP:GREEN')
  })

  it('says what to do when no pack is installed', async () => {
    installFakeBridge({ 'rules:store': { value: [] } })
    render(<RulesPanel />)
    expect((await screen.findByText(/No rule pack installed yet/)).textContent).toMatch(/import/)
  })

  it('rolls back to an older version only after confirmation', async () => {
    const fake = bridge()
    fake.respond('rules:store', { value: [pack(V2, [V2, V1])] })
    fake.respond('rules:activate', { value: pack(V1, [V2, V1]) })
    const user = userEvent.setup()
    render(<RulesPanel />)
    await user.click(await screen.findByRole('button', { name: 'harbour-rules' }))
    await user.click(await screen.findByRole('button', { name: 'Roll back to 1.0.0' }))
    expect(fake.inputsOf('rules:activate')).toEqual([])
    const confirm = screen.getByRole('alertdialog', { name: 'Confirm activation' })
    fake.respond('rules:store', { value: [pack(V1, [V2, V1])] })
    await user.click(within(confirm).getByRole('button', { name: 'Activate 1.0.0' }))
    expect(fake.inputsOf('rules:activate')).toEqual([{ name: 'harbour-rules', id: '1.0.0-1' }])
    const versions = await screen.findByRole('table', { name: 'Versions of harbour-rules' })
    await within(versions).findByRole('button', { name: 'Activate 1.1.0' })
  })

  it('shows the active rules and renders hostile pack values as inert text', async () => {
    const fake = bridge()
    fake.respond('rules:rules', {
      value: [
        {
          name: 'Webshell_Eval',
          id: HOSTILE,
          namespace: 'harbour_rules',
          score: 70,
          status: 'testing',
          tags: [HOSTILE],
          file: 'rules/web.yar',
        },
      ],
    })
    fake.respond('rules:prepareImport', {
      value: preview({
        warnings: [HOSTILE],
        diff: { ...DIFF, added: [rule('New_Loader_Rule', HOSTILE)] },
      }),
    })
    const user = userEvent.setup()
    const { container } = render(<RulesPanel />)
    await user.click(await screen.findByRole('button', { name: 'harbour-rules' }))
    const rules = await screen.findByRole('table', { name: 'Rules of harbour-rules' })
    await within(rules).findByText('Webshell_Eval')
    expect(within(rules).getAllByRole('row')[1]?.textContent).toContain('testing')
    const form = await importForm()
    await user.type(within(form).getByRole('textbox', { name: 'Rule pack' }), '/media/usb/pack')
    await user.click(within(form).getByRole('button', { name: 'Check' }))
    await within(form).findByRole('button', { name: 'Activate' })
    expectInert(container)
  })

  it("shows each rule's state in the open case, keyed by rule id", async () => {
    const fake = bridge()
    fake.respond('rules:rules', {
      value: [
        {
          name: 'Noisy',
          id: 'HB-0006',
          namespace: 'harbour_rules',
          score: 30,
          status: 'active',
          tags: [],
          file: 'rules/a.yar',
        },
        {
          name: 'No_Id',
          id: null,
          namespace: 'harbour_rules',
          score: 60,
          status: 'active',
          tags: [],
          file: 'rules/a.yar',
        },
      ],
    })
    fake.respond('rules:states', {
      value: [
        {
          ruleKey: 'id:HB-0006',
          namespace: 'harbour_rules',
          name: 'Noisy',
          state: 'disabled',
          reason: 'false positives on backups',
          setBy: 'ana',
          setAt: '2026-11-26T07:00:00Z',
        },
      ],
    })
    const user = userEvent.setup()
    render(<RulesPanel />)
    await user.click(await screen.findByRole('button', { name: 'harbour-rules' }))
    const rules = await screen.findByRole('table', { name: 'Rules of harbour-rules' })
    await within(rules).findByText('Noisy')
    expect(within(rules).getByRole('columnheader', { name: 'In this case' })).toBeTruthy()
    const selects = within(rules).getAllByRole('combobox', { name: 'State in this case' })
    expect(selects.map((s) => (s as HTMLSelectElement).value)).toEqual(['disabled', 'active'])
  })

  it('turns an unscripted failure into an error notice, not a crash', async () => {
    installFakeBridge({
      'rules:store': { result: fail('RULES_INVALID', 'The rule pack store is damaged.') },
    })
    render(<RulesPanel />)
    expect((await screen.findByRole('alert')).textContent).toContain('store is damaged')
  })
})
