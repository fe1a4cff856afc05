import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { SharePanel } from '../../../../renderer/features/share/SharePanel'
import { fail, installFakeBridge } from '../../fake-bridge'
import type { FakeBridge } from '../../fake-bridge'
import type { SigningKeyView } from '../../../../main/core/model/sharing'
import { makeExportResult, makeSigningKey } from '../../sharing-fixtures'

function bridgeWithKeys(keys: readonly SigningKeyView[], keychain = false): FakeBridge {
  return installFakeBridge({
    'keys:list': { value: { keychain, keys } },
    'keys:trusted': { value: [] },
    'dialog:pickFolder': { value: null },
    'share:export': { value: makeExportResult() },
  })
}

/** A task id the form made (crypto.randomUUID). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const exportForm = () => screen.findByRole('form', { name: 'Export' })

describe('SharePanel — export', () => {
  it('sends the TLP, redaction, terms, score, triage and passphrase the analyst chose', async () => {
    const bridge = bridgeWithKeys([makeSigningKey()])
    const user = userEvent.setup()
    render(<SharePanel defaultTlp="green" />)
    const form = await exportForm()

    expect(
      within(form).getByRole<HTMLSelectElement>('combobox', { name: 'TLP of the bundle' }).value,
    ).toBe('green')
    expect(within(form).getByRole<HTMLInputElement>('radio', { name: 'Partner' }).checked).toBe(
      true,
    )
    await user.selectOptions(
      within(form).getByRole('combobox', { name: 'TLP of the bundle' }),
      'amber+strict',
    )
    await user.click(within(form).getByRole('radio', { name: 'Strict' }))
    await user.type(
      within(form).getByRole('textbox', { name: 'Extra words to redact' }),
      'Lantern, acme corp ,',
    )
    await user.type(within(form).getByRole('spinbutton', { name: 'Minimum score' }), '40')
    await user.click(within(form).getByRole('checkbox', { name: 'New' }))
    await user.click(within(form).getByRole('checkbox', { name: 'Benign' }))
    await user.type(within(form).getByLabelText('Signing key passphrase'), 'correct horse')
    await user.click(within(form).getByRole('button', { name: 'Choose…' }))
    await user.type(within(form).getByRole('textbox', { name: 'Destination folder' }), '/exports')
    await user.click(within(form).getByRole('button', { name: 'Export bundle' }))

    await screen.findByText('Bundle written')
    expect(bridge.inputsOf('share:export')).toEqual([
      {
        folder: '/exports',
        tlp: 'amber+strict',
        redaction: 'strict',
        triage: ['needs-review', 'confirmed', 'benign'],
        keyId: '0123456789ABCDEF',
        extraTerms: ['Lantern', 'acme corp'],
        minScore: 40,
        passphrase: 'correct horse',
        taskId: expect.stringMatching(UUID) as unknown,
      },
    ])
  })

  it('starts at the case TLP with new, needs-review and confirmed, and no passphrase for a keychain key', async () => {
    const bridge = bridgeWithKeys([makeSigningKey({ protection: 'os-keychain' })], true)
    const user = userEvent.setup()
    render(<SharePanel defaultTlp="amber" />)
    const form = await exportForm()

    expect(within(form).queryByLabelText('Signing key passphrase')).toBeNull()
    expect(within(form).queryByRole('combobox', { name: 'Signing key' })).toBeNull()
    await user.type(within(form).getByRole('textbox', { name: 'Destination folder' }), '/out')
    await user.click(within(form).getByRole('button', { name: 'Export bundle' }))

    await screen.findByText('Bundle written')
    expect(bridge.inputsOf('share:export')).toEqual([
      {
        folder: '/out',
        tlp: 'amber',
        redaction: 'partner',
        triage: ['new', 'needs-review', 'confirmed'],
        keyId: '0123456789ABCDEF',
        taskId: expect.stringMatching(UUID) as unknown,
      },
    ])
  })

  it('offers a key select when there are several keys, asking a passphrase only for the sealed one', async () => {
    const bridge = bridgeWithKeys([
      makeSigningKey({ keyId: 'AAAAAAAAAAAAAAAA', org: 'Keychain org', protection: 'os-keychain' }),
      makeSigningKey({ keyId: 'BBBBBBBBBBBBBBBB', org: 'Passphrase org' }),
    ])
    const user = userEvent.setup()
    render(<SharePanel defaultTlp="amber" />)
    const form = await exportForm()

    expect(within(form).queryByLabelText('Signing key passphrase')).toBeNull()
    await user.selectOptions(
      within(form).getByRole('combobox', { name: 'Signing key' }),
      'BBBBBBBBBBBBBBBB',
    )
    await user.type(within(form).getByRole('textbox', { name: 'Destination folder' }), '/out')
    await user.click(within(form).getByRole('button', { name: 'Export bundle' }))

    expect((await within(form).findByRole('alert')).textContent).toContain(
      "Enter the signing key's passphrase.",
    )
    expect(bridge.inputsOf('share:export')).toEqual([])
    await user.type(within(form).getByLabelText('Signing key passphrase'), 'pw')
    await user.click(within(form).getByRole('button', { name: 'Export bundle' }))
    await screen.findByText('Bundle written')
    expect(bridge.inputsOf('share:export')).toMatchObject([
      { keyId: 'BBBBBBBBBBBBBBBB', passphrase: 'pw' },
    ])
  })

  it('shows the result: file, counts, key, verification commands, and findings withheld above the TLP', async () => {
    const bridge = bridgeWithKeys([makeSigningKey({ protection: 'os-keychain' })])
    bridge.respond('share:export', { value: makeExportResult({ withheldAboveTlp: 3 }) })
    const user = userEvent.setup()
    render(<SharePanel defaultTlp="amber" />)
    const form = await exportForm()
    await user.type(within(form).getByRole('textbox', { name: 'Destination folder' }), '/exports')
    await user.click(within(form).getByRole('button', { name: 'Export bundle' }))

    const result = (await screen.findByText('Bundle written')).parentElement!
    expect(result.textContent).toContain('/exports/lantern-2024-117.zip')
    expect(result.textContent).toContain('47.1 KiB (48,213 bytes)')
    expect(result.textContent).toContain('3 findings withheld')
    expect(result.textContent).toContain('0123456789ABCDEF')
    expect(result.textContent).toContain('minisign -Vm lantern-2024-117.zip -P RWQBI0VniavN7w==')
  })

  it('shows an export error with what happened and the code', async () => {
    const bridge = bridgeWithKeys([makeSigningKey()])
    bridge.respond('share:export', {
      result: fail(
        'KEY_LOCKED',
        'The passphrase does not open key 0123456789ABCDEF: type it again.',
      ),
    })
    const user = userEvent.setup()
    render(<SharePanel defaultTlp="amber" />)
    const form = await exportForm()
    await user.type(within(form).getByLabelText('Signing key passphrase'), 'wrong')
    await user.type(within(form).getByRole('textbox', { name: 'Destination folder' }), '/exports')
    await user.click(within(form).getByRole('button', { name: 'Export bundle' }))

    const alert = await within(form).findByRole('alert')
    expect(alert.textContent).toContain('Could not export the bundle')
    expect(alert.textContent).toContain('The passphrase does not open key')
    expect(alert.textContent).toContain('KEY_LOCKED')
  })

  it('without a signing key, points to the Create form instead of an export form', async () => {
    bridgeWithKeys([])
    render(<SharePanel defaultTlp="amber" />)

    expect(await screen.findByText(/create a signing key first/i)).toBeTruthy()
    expect(screen.queryByRole('form', { name: 'Export' })).toBeNull()
    expect(screen.getByRole('form', { name: 'Create signing key' })).toBeTruthy()
  })

  it('lists the load error of the keys', async () => {
    installFakeBridge({
      'keys:list': { result: fail('TRUST_STORE_CORRUPT', 'The key store is damaged.') },
      'keys:trusted': { value: [] },
    })
    render(<SharePanel defaultTlp="amber" />)

    expect((await screen.findByRole('alert')).textContent).toContain('The key store is damaged.')
  })
})
