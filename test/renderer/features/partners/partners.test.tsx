import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { PartnersPanel } from '../../../../renderer/features/partners/PartnersPanel'
import { fail, installFakeBridge, ok } from '../../fake-bridge'
import type { FakeBridge } from '../../fake-bridge'
import type { PartnerBundleView } from '../../../../main/core/model/sharing'
import { expectInert, HOSTILE } from '../../hostile'
import { makeBundle, makePartnerRow, makeVerification } from '../../sharing-fixtures'

/** A task id the form made (crypto.randomUUID). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

const UNTRUSTED =
  'The bundle is signed by key FEDCBA9876543210 (fingerprint FFFF EEEE DDDD CCCC BBBB AAAA 9999 8888), which you do not trust.'

function bridge(bundles: readonly PartnerBundleView[] = []): FakeBridge {
  return installFakeBridge({
    'partners:list': { value: bundles },
    'dialog:pickBundle': { value: null },
    'partners:findings': (input) => {
      const { offset = 0 } = input as { offset?: number }
      return ok({ total: 250, rows: [makePartnerRow({ id: offset + 1 })] })
    },
    'partners:mergeHashes': { value: { setId: 4, name: 'Harbour CSIRT known-bad', entries: 7 } },
    'partners:saveRules': { value: { folder: '/data/packs/harbour-rules', rules: 3 } },
  })
}

const checkForm = () => screen.findByRole('form', { name: "Check a partner's bundle" })

describe('PartnersPanel', () => {
  it('warns about an unknown key, accepts it only when asked, then imports and opens the bundle', async () => {
    const fake = bridge()
    fake.respond('share:verify', (input) =>
      (input as { acceptUnknownKey: boolean }).acceptUnknownKey
        ? ok(makeVerification({ signer: { ...makeVerification().signer, status: 'unknown' } }))
        : fail('BUNDLE_UNTRUSTED', UNTRUSTED),
    )
    fake.respond('share:import', (input) =>
      (input as { acceptUnknownKey: boolean }).acceptUnknownKey
        ? ok({
            bundle: makeBundle({ signerStatus: 'unknown' }),
            verification: makeVerification(),
            alreadyImported: false,
          })
        : fail('BUNDLE_UNTRUSTED', UNTRUSTED),
    )
    const user = userEvent.setup()
    render(<PartnersPanel />)
    const form = await checkForm()
    await user.click(within(form).getByRole('button', { name: 'Choose…' }))
    await user.type(within(form).getByRole('textbox', { name: 'Bundle file' }), '/in/harbour.zip')
    await user.click(within(form).getByRole('button', { name: 'Verify' }))

    const warning = await within(form).findByRole('alert')
    expect(warning.textContent).toContain('Signed by a key you do not trust')
    expect(warning.textContent).toContain('FFFF EEEE DDDD CCCC BBBB AAAA 9999 8888')
    expect(within(form).queryByRole('button', { name: 'Import into this case' })).toBeNull()

    fake.respond('partners:list', { value: [makeBundle({ signerStatus: 'unknown' })] })
    await user.click(
      within(warning).getByRole('checkbox', {
        name: 'I compared the fingerprint with the sender; accept this key for this bundle',
      }),
    )
    await within(form).findByText('Bundle verified')
    expect(form.textContent).toContain('TLP:AMBER')
    expect(form.textContent).toContain('Unknown key')
    expect(form.textContent).toContain('SHA256SUMS signature')
    expect(form.textContent).toContain('7 findings, 3 rules, 1 evidence items')
    await user.click(within(form).getByRole('button', { name: 'Import into this case' }))

    await screen.findByRole('table', { name: /read-only, as sent by Harbour CSIRT/ })
    expect(fake.inputsOf('share:verify')).toEqual([
      {
        path: '/in/harbour.zip',
        acceptUnknownKey: false,
        taskId: expect.stringMatching(UUID) as unknown,
      },
      {
        path: '/in/harbour.zip',
        acceptUnknownKey: true,
        taskId: expect.stringMatching(UUID) as unknown,
      },
    ])
    expect(fake.inputsOf('share:import')).toEqual([
      {
        path: '/in/harbour.zip',
        acceptUnknownKey: true,
        taskId: expect.stringMatching(UUID) as unknown,
      },
    ])
    expect(fake.inputsOf('partners:findings')).toEqual([{ bundleId: 1, offset: 0, limit: 100 }])
  })

  it('shows a bundle that fails its checks as an error, with no way to accept it', async () => {
    const fake = bridge()
    fake.respond('share:verify', {
      result: fail(
        'SIGNATURE_INVALID',
        'SHA256SUMS.minisig does not verify: the bundle was changed.',
      ),
    })
    const user = userEvent.setup()
    render(<PartnersPanel />)
    const form = await checkForm()
    await user.type(within(form).getByRole('textbox', { name: 'Bundle file' }), '/in/bad.zip')
    await user.click(within(form).getByRole('button', { name: 'Verify' }))

    const alert = await within(form).findByRole('alert')
    expect(alert.textContent).toContain('the bundle was changed')
    expect(alert.textContent).toContain('SIGNATURE_INVALID')
    expect(within(form).queryByRole('checkbox')).toBeNull()
  })

  it('lists imported bundles and shows the selected one with provenance, read-only findings and a pager', async () => {
    const fake = bridge([makeBundle(), makeBundle({ id: 2, producerOrg: 'Other CERT' })])
    const user = userEvent.setup()
    render(<PartnersPanel />)
    const list = await screen.findByRole('table', { name: 'Imported bundles' })
    expect(within(list).getAllByRole('row')).toHaveLength(3)
    await user.click(within(list).getByRole('button', { name: 'Harbour CSIRT' }))

    const detail = await screen.findByRole('region', { name: /Harbour intrusion — triage/ })
    expect(detail.textContent).toContain('Read-only — as sent by Harbour CSIRT')
    expect(detail.textContent).toContain('FEDCBA9876543210')
    expect(detail.textContent).toContain('Trusted key')
    const table = await within(detail).findByRole('table', { name: /read-only/ })
    expect(table.textContent).toContain('harbour-rules@2.0.1')
    expect(table.textContent).toContain('/var/tmp/.x/loader.sh')
    await user.click(within(detail).getByRole('button', { name: 'Next page' }))
    await waitFor(() => {
      expect(fake.inputsOf('partners:findings')).toEqual([
        { bundleId: 1, offset: 0, limit: 100 },
        { bundleId: 1, offset: 100, limit: 100 },
      ])
    })
  })

  it('marks their findings also seen in this case', async () => {
    const fake = bridge([makeBundle()])
    fake.respond('partners:findings', {
      value: { total: 2, rows: [makePartnerRow({ seenHere: true }), makePartnerRow({ id: 2 })] },
    })
    const user = userEvent.setup()
    render(<PartnersPanel />)
    await user.click(await screen.findByRole('button', { name: 'Harbour CSIRT' }))

    const table = await screen.findByRole('table', { name: /read-only/ })
    expect(within(table).getAllByText('Also in this case')).toHaveLength(1)
  })

  it('adds their hashes as a known-bad set and saves their rules as a pack', async () => {
    const fake = bridge([makeBundle()])
    const user = userEvent.setup()
    render(<PartnersPanel />)
    await user.click(await screen.findByRole('button', { name: 'Harbour CSIRT' }))
    await user.click(
      await screen.findByRole('button', { name: 'Add their file hashes as a known-bad set' }),
    )
    await screen.findByText(/holds 7 entries/)
    await user.click(screen.getByRole('button', { name: 'Save their rules as a rule pack' }))

    expect((await screen.findByText(/rules saved as a rule pack/)).textContent).toContain(
      '/data/packs/harbour-rules',
    )
    expect(fake.inputsOf('partners:mergeHashes')).toEqual([{ bundleId: 1 }])
    expect(fake.inputsOf('partners:saveRules')).toEqual([{ bundleId: 1 }])
  })

  it('renders hostile partner values as inert text', async () => {
    const fake = bridge([
      makeBundle({
        producerOrg: HOSTILE,
        reportName: HOSTILE,
        caseName: HOSTILE,
        sourceName: HOSTILE,
        importedBy: HOSTILE,
      }),
    ])
    fake.respond('partners:findings', {
      value: {
        total: 1,
        rows: [
          makePartnerRow({
            ruleName: HOSTILE,
            packName: HOSTILE,
            packVersion: HOSTILE,
            evidenceLabel: HOSTILE,
            location: HOSTILE,
            path: HOSTILE,
            sha256: HOSTILE,
            seenHere: true,
          }),
        ],
      },
    })
    fake.respond('share:verify', {
      value: makeVerification({
        fileName: HOSTILE,
        caseName: HOSTILE,
        signer: { ...makeVerification().signer, org: HOSTILE, trustedComment: HOSTILE },
        checks: [{ check: HOSTILE, detail: HOSTILE }],
      }),
    })
    const user = userEvent.setup()
    const { container } = render(<PartnersPanel />)
    const list = await screen.findByRole('table', { name: 'Imported bundles' })
    await user.click(within(list).getByRole('button'))
    await screen.findByRole('table', { name: /read-only/ })
    const form = await checkForm()
    await user.type(within(form).getByRole('textbox', { name: 'Bundle file' }), '/in/x.zip')
    await user.click(within(form).getByRole('button', { name: 'Verify' }))
    await within(form).findByText('Bundle verified')

    expectInert(container)
  })
})
