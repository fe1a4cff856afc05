import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { RulesPanel } from '../../../../renderer/features/rules/RulesPanel'
import { fail } from '../../fake-bridge'
import { makeScan } from '../../fixtures'
import { TOKEN, FINGERPRINT, V1, V2, pack, preview, bridge, importForm } from './pack-fixtures'

describe('RulesPanel: importing a pack', () => {
  it('previews a picked update: signer, version change, every diff class, warnings', async () => {
    const fake = bridge()
    const user = userEvent.setup()
    render(<RulesPanel />)
    const form = await importForm()
    await user.click(within(form).getByRole('button', { name: 'Choose file…' }))
    await within(form).findByRole('button', { name: 'Activate' })
    expect(fake.inputsOf('dialog:pickRulePack')).toEqual([{ kind: 'file' }])
    expect(fake.inputsOf('rules:prepareImport')).toEqual([
      { path: '/media/usb/harbour-rules-1.1.0.zip', dropInvalid: false },
    ])
    const text = form.textContent
    expect(text).toContain('1.0.0 (sequence 1) → 1.1.0 (sequence 2)')
    expect(text).toContain(FINGERPRINT)
    expect(text).toContain('Signed by Harbour CSIRT (trusted)')
    expect(text).toContain('rules/slow.yar:12: slow pattern')
    expect(text).toContain('The engine requirements changed')
    const expected: [string, string][] = [
      ['Added (1)', 'New_Loader_Rule'],
      ['Removed (1)', 'Old_Dropper_Rule'],
      ['Logic changed (1)', 'Webshell_Eval'],
      ['Renamed (1)', 'Beacon_New'],
      ['Status changed (1)', 'active → testing'],
      ['Re-identified (1)', 'HB-0108'],
      ['Meta only (1)', 'Mimikatz_Strings'],
    ]
    for (const [heading, content] of expected) {
      const group = within(form).getByRole('region', { name: heading })
      expect(group.textContent).toContain(content)
    }
    expect(within(form).getByRole('list', { name: 'Changes by kind' }).textContent).toContain(
      'Unchanged 17',
    )
  })

  it('activates on confirmation, refreshes the list and offers the retro-hunt', async () => {
    const fake = bridge()
    fake.respond('rules:retroHunt', {
      value: {
        rules: ['HB-0100', 'HB-0004'],
        superseded: { removed: 1, logicChanged: 1 },
        scan: null,
      },
    })
    const user = userEvent.setup()
    render(<RulesPanel />)
    const form = await importForm()
    await user.type(within(form).getByRole('textbox', { name: 'Rule pack' }), '/media/usb/pack')
    await user.click(within(form).getByRole('button', { name: 'Check' }))
    fake.respond('rules:store', { value: [pack(V2, [V2, V1])] })
    await user.click(await within(form).findByRole('button', { name: 'Activate' }))
    expect(fake.inputsOf('rules:confirmImport')).toEqual([{ token: TOKEN }])
    await within(form).findByText(/is now active/)
    expect(within(form).queryByRole('button', { name: 'Activate' })).toBeNull()
    const versions = await screen.findByRole('table', { name: 'Versions of harbour-rules' })
    expect(within(versions).getByRole('button', { name: 'Roll back to 1.0.0' })).toBeTruthy()

    await user.click(
      within(form).getByRole('button', {
        name: 'Retro-hunt the open case with the 2 new and changed rules',
      }),
    )
    expect(fake.inputsOf('rules:retroHunt')).toEqual([
      { name: 'harbour-rules', previousId: '1.0.0-1', activeId: '1.1.0-2' },
    ])
    await within(form).findByText(/2 earlier finding\(s\) marked superseded/)
  })

  it('checks a pack dropped onto the import card, by its host path', async () => {
    const fake = bridge()
    fake.pathForFile = (file) => `/media/usb/${file.name}`
    render(<RulesPanel />)
    const form = await importForm()
    fireEvent.drop(form, {
      dataTransfer: { files: [new File(['x'], 'harbour-rules-1.1.0.zip')], types: ['Files'] },
    })
    await within(form).findByRole('button', { name: 'Activate' })
    expect(fake.inputsOf('rules:prepareImport')).toEqual([
      { path: '/media/usb/harbour-rules-1.1.0.zip', dropInvalid: false },
    ])
    fake.pathForFile = () => null
    fireEvent.drop(form, { dataTransfer: { files: [new File(['x'], 'p.zip')], types: ['Files'] } })
    expect((await within(form).findByRole('alert')).textContent).toMatch(/needs the desktop app/)
  })

  it('discards a preview without installing anything', async () => {
    const fake = bridge()
    const user = userEvent.setup()
    render(<RulesPanel />)
    const form = await importForm()
    await user.type(within(form).getByRole('textbox', { name: 'Rule pack' }), '/media/usb/pack')
    await user.click(within(form).getByRole('button', { name: 'Check' }))
    await user.click(await within(form).findByRole('button', { name: 'Discard' }))
    await waitFor(() => {
      expect(fake.inputsOf('rules:discardImport')).toEqual([{ token: TOKEN }])
    })
    expect(fake.inputsOf('rules:confirmImport')).toEqual([])
    expect(within(form).queryByRole('button', { name: 'Activate' })).toBeNull()
  })

  it('imports a plain rule folder unsigned, dropping the rules that do not compile', async () => {
    const fake = bridge()
    fake.respond('rules:prepareImport', {
      value: preview({
        kind: 'local',
        name: 'public-set',
        version: 'local',
        sequence: null,
        tlp: null,
        signature: 'unsigned',
        signer: null,
        prehashed: false,
        previous: null,
        diff: null,
        ruleCount: 41,
        warnings: [
          'Unsigned: nobody vouches for these rules; review them before you rely on them.',
        ],
        dropped: [
          { file: 'apt/x.yar', rule: 'Uses_Cuckoo', line: 7, reason: 'unknown module "cuckoo"' },
        ],
      }),
    })
    const user = userEvent.setup()
    render(<RulesPanel />)
    const form = await importForm()
    await user.click(within(form).getByRole('checkbox', { name: /Drop invalid rules/ }))
    await user.type(
      within(form).getByRole('textbox', { name: 'Rule pack' }),
      '/media/usb/public-set',
    )
    await user.click(within(form).getByRole('button', { name: 'Check' }))
    await within(form).findByRole('button', { name: 'Activate' })
    expect(fake.inputsOf('rules:prepareImport')).toEqual([
      { path: '/media/usb/public-set', dropInvalid: true },
    ])
    expect(form.textContent).toContain('as an unsigned local pack')
    expect(form.textContent).toContain('Unsigned')
    const dropped = within(form).getByRole('region', { name: 'Dropped (1)' })
    expect(dropped.textContent).toContain('Uses_Cuckoo')
    expect(dropped.textContent).toContain('apt/x.yar:7')
    expect(dropped.textContent).toContain('unknown module "cuckoo"')
    expect(form.textContent).toContain('all 41 rules are new')
  })

  it('says whose key is untrusted and where to trust it', async () => {
    const fake = bridge()
    fake.respond('rules:prepareImport', {
      result: fail(
        'BUNDLE_UNTRUSTED',
        'Signed by key 0123456789ABCDEF … add it under Share › Trust a partner key.',
      ),
    })
    const user = userEvent.setup()
    render(<RulesPanel />)
    const form = await importForm()
    await user.type(within(form).getByRole('textbox', { name: 'Rule pack' }), '/media/usb/pack')
    await user.click(within(form).getByRole('button', { name: 'Check' }))
    const alert = await within(form).findByRole('alert')
    expect(alert.textContent).toContain('Signed by a key you do not trust')
    expect(alert.textContent).toContain('Share › Trust a partner key')
    expect(within(form).queryByRole('button', { name: 'Activate' })).toBeNull()
  })
})

describe('RulesPanel: views and the retro-hunt scan', () => {
  it('hands the retro-hunt scan to the workbench, which follows it like any scan', async () => {
    const fake = bridge()
    const scan = makeScan({ id: 12, kind: 'retro-hunt', status: 'running' })
    fake.respond('rules:retroHunt', {
      value: { rules: ['New_Loader_Rule'], superseded: { removed: 0, logicChanged: 0 }, scan },
    })
    const started: number[] = []
    const user = userEvent.setup()
    render(<RulesPanel onScanStarted={(s) => started.push(s.id)} />)
    const form = await importForm()
    await user.type(within(form).getByRole('textbox', { name: 'Rule pack' }), '/media/usb/pack')
    await user.click(within(form).getByRole('button', { name: 'Check' }))
    await user.click(await within(form).findByRole('button', { name: 'Activate' }))
    await user.click(await within(form).findByRole('button', { name: /^Retro-hunt the open case/ }))
    await within(form).findByText(/Retro-hunt started as scan #12/)
    expect(started).toEqual([12])
  })

  it('switches between packs, the editor and the suppressions', async () => {
    bridge()
    const user = userEvent.setup()
    render(<RulesPanel />)
    await importForm()
    const views = screen.getByRole('group', { name: 'Rules view' })
    await user.click(within(views).getByRole('button', { name: 'Editor' }))
    expect(within(views).getByRole('button', { name: 'Editor' }).getAttribute('aria-pressed')).toBe(
      'true',
    )
    expect(screen.queryByRole('textbox', { name: 'Rule pack' })).toBeNull()
    expect(await screen.findByRole('button', { name: /Save/ })).toBeTruthy()
    await user.click(within(views).getByRole('button', { name: 'Suppressions' }))
    expect(await screen.findByRole('region', { name: 'Suppressions' })).toBeTruthy()
    expect(screen.queryByRole('button', { name: /Save/ })).toBeNull()
  })
})
