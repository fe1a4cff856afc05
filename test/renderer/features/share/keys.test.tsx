import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { SharePanel } from '../../../../renderer/features/share/SharePanel'
import { fail, installFakeBridge } from '../../fake-bridge'
import type { FakeBridge } from '../../fake-bridge'
import type { TrustedKeyView } from '../../../../main/core/model/sharing'
import { expectInert, HOSTILE } from '../../hostile'
import { makeSigningKey, makeTrustedKey } from '../../sharing-fixtures'

function bridge(keychain: boolean, trusted: readonly TrustedKeyView[] = []): FakeBridge {
  return installFakeBridge({
    'keys:list': { value: { keychain, keys: [] } },
    'keys:trusted': { value: trusted },
    'keys:create': { value: makeSigningKey() },
    'keys:trust': { value: makeTrustedKey() },
    'keys:untrust': { value: null },
  })
}

const createForm = () => screen.findByRole('form', { name: 'Create signing key' })
const trustForm = () => screen.findByRole('form', { name: 'Trust a partner key' })

describe('SharePanel — keys', () => {
  it('refuses passphrases that differ, and creates the key when they match', async () => {
    const fake = bridge(false)
    const user = userEvent.setup()
    render(<SharePanel defaultTlp="amber" />)
    const form = await createForm()
    await user.type(within(form).getByRole('textbox', { name: 'Organisation' }), ' CERT Lantern ')
    await user.type(within(form).getByLabelText('Passphrase'), 'one passphrase')
    await user.type(within(form).getByLabelText('Repeat passphrase'), 'another')
    await user.click(within(form).getByRole('button', { name: 'Create signing key' }))

    expect(within(form).getByRole('alert').textContent).toContain('The two passphrases differ')
    expect(fake.inputsOf('keys:create')).toEqual([])

    await user.clear(within(form).getByLabelText('Repeat passphrase'))
    await user.type(within(form).getByLabelText('Repeat passphrase'), 'one passphrase')
    fake.respond('keys:list', { value: { keychain: false, keys: [makeSigningKey()] } })
    await user.click(within(form).getByRole('button', { name: 'Create signing key' }))

    await screen.findByRole('textbox', { name: 'Public key (send this to partners)' })
    expect(fake.inputsOf('keys:create')).toEqual([
      { org: 'CERT Lantern', passphrase: 'one passphrase' },
    ])
    expect(fake.inputsOf('keys:list')).toHaveLength(2)
    expect(screen.getByText('A1B2 C3D4 E5F6 0718 293A 4B5C 6D7E 8F90')).toBeTruthy()
  })

  it('requires a passphrase without a keychain', async () => {
    const fake = bridge(false)
    const user = userEvent.setup()
    render(<SharePanel defaultTlp="amber" />)
    const form = await createForm()
    await user.type(within(form).getByRole('textbox', { name: 'Organisation' }), 'CERT')
    await user.click(within(form).getByRole('button', { name: 'Create signing key' }))

    expect(within(form).getByRole('alert').textContent).toContain('Enter a passphrase')
    expect(fake.inputsOf('keys:create')).toEqual([])
  })

  it('with the OS keychain, the passphrase is optional and the hint says the keychain seals it', async () => {
    const fake = bridge(true)
    const user = userEvent.setup()
    render(<SharePanel defaultTlp="amber" />)
    const form = await createForm()

    expect(within(form).getByText(/OS keychain seals the key/)).toBeTruthy()
    await user.type(within(form).getByRole('textbox', { name: 'Organisation' }), 'CERT')
    await user.type(within(form).getByRole('textbox', { name: 'Contact (optional)' }), 'a@b.c')
    await user.click(within(form).getByRole('button', { name: 'Create signing key' }))

    await waitFor(() => {
      expect(fake.inputsOf('keys:list')).toHaveLength(2)
    })
    expect(fake.inputsOf('keys:create')).toEqual([{ org: 'CERT', contact: 'a@b.c' }])
  })

  it('trusts a pasted partner key, reminding to compare the fingerprint, then lists it', async () => {
    const fake = bridge(false)
    const user = userEvent.setup()
    render(<SharePanel defaultTlp="amber" />)
    const form = await trustForm()

    expect(form.textContent).toContain('compare its fingerprint with the partner')
    await user.type(
      within(form).getByRole('textbox', { name: 'Partner public key (.pub text)' }),
      'untrusted comment: x{enter}RWQ=',
    )
    await user.type(within(form).getByRole('textbox', { name: 'Partner organisation' }), 'Harbour')
    await user.type(within(form).getByRole('textbox', { name: 'Note (optional)' }), 'by phone')
    fake.respond('keys:trusted', { value: [makeTrustedKey()] })
    await user.click(within(form).getByRole('button', { name: 'Trust key' }))

    expect((await within(form).findByRole('status')).textContent).toContain(
      'FFFF EEEE DDDD CCCC BBBB AAAA 9999 8888',
    )
    expect(fake.inputsOf('keys:trust')).toEqual([
      { publicKeyText: 'untrusted comment: x\nRWQ=', org: 'Harbour', note: 'by phone' },
    ])
    const table = await screen.findByRole('table', { name: 'Trusted partner keys' })
    expect(table.textContent).toContain('Compared by phone with J. Doe')
  })

  it('shows why a key was refused', async () => {
    const fake = bridge(false)
    fake.respond('keys:trust', {
      result: fail('KEY_INVALID', 'This is not a minisign public key.'),
    })
    const user = userEvent.setup()
    render(<SharePanel defaultTlp="amber" />)
    const form = await trustForm()
    await user.type(
      within(form).getByRole('textbox', { name: 'Partner public key (.pub text)' }),
      'junk',
    )
    await user.type(within(form).getByRole('textbox', { name: 'Partner organisation' }), 'X')
    await user.click(within(form).getByRole('button', { name: 'Trust key' }))

    expect((await within(form).findByRole('alert')).textContent).toContain(
      'This is not a minisign public key.',
    )
  })

  it('removes a trusted key', async () => {
    const fake = bridge(false, [makeTrustedKey()])
    const user = userEvent.setup()
    render(<SharePanel defaultTlp="amber" />)
    const table = await screen.findByRole('table', { name: 'Trusted partner keys' })
    fake.respond('keys:trusted', { value: [] })
    await user.click(
      within(table).getByRole('button', { name: 'Remove Harbour CSIRT (FEDCBA9876543210)' }),
    )

    await screen.findByText('No partner key trusted yet.')
    expect(fake.inputsOf('keys:untrust')).toEqual([{ keyId: 'FEDCBA9876543210' }])
  })

  it('renders hostile key fields as inert text', async () => {
    installFakeBridge({
      'keys:list': {
        value: {
          keychain: false,
          keys: [makeSigningKey({ org: HOSTILE, contact: HOSTILE })],
        },
      },
      'keys:trusted': {
        value: [makeTrustedKey({ org: HOSTILE, note: HOSTILE, addedBy: HOSTILE })],
      },
    })
    const { container } = render(<SharePanel defaultTlp="amber" />)
    await screen.findByRole('table', { name: 'Trusted partner keys' })
    await screen.findByRole('form', { name: 'Export' })

    expectInert(container)
  })
})
