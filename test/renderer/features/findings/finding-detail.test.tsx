import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { FindingDetail } from '../../../../main/core/model/findings'
import type { RelatedFindings } from '../../../../main/core/model/finding-related'
import { CHUNK_BYTES } from '../../../../renderer/components/hex/use-hex-chunks'
import { FindingDetailPane } from '../../../../renderer/features/findings/FindingDetailPane'
import { fakeFile } from '../../components/hex-file'
import { fail, installFakeBridge } from '../../fake-bridge'
import type { Responses } from '../../fake-bridge'
import { baseResponses, makeDetail, makeFindingRow } from '../../fixtures'
import { expectInert, HOSTILE } from '../../hostile'

const SOURCE = `import "pe"

private rule Helper
{
    strings:
        $a = "helper-a"
    condition:
        $a
}

rule Suspicious_PowerShell
{
    meta:
        description = "download cradle"
    strings:
        $a = "IEX("
        $b = "never"
        $c = { 4D 5A }
    condition:
        Helper and ($a or $c)
}
`

const SIZE = 1024 * 1024

function detailWith(overrides: Partial<FindingDetail> = {}): FindingDetail {
  const base = makeDetail()
  return {
    ...base,
    rule: { ...base.rule, source: SOURCE },
    file: { ...base.file, id: 42, sizeBytes: SIZE },
    matches: [
      { ...base.matches[0]!, identifier: '$a', offset: 0x40, length: 4 },
      { ...base.matches[0]!, identifier: '$c', offset: 0x70010, length: 2 },
    ],
    ...overrides,
  }
}

const RELATED: RelatedFindings = {
  sameHash: {
    total: 3,
    items: [
      {
        fileId: 9,
        evidenceLabel: 'USB stick',
        location: null,
        path: '/copies/run.ps1',
        findingCount: 2,
        firstFindingId: 77,
      },
      {
        fileId: 10,
        evidenceLabel: 'laptop.E01',
        location: 'volume 1 (NTFS) › ntfs',
        path: '/Users/x/run.ps1',
        findingCount: 0,
        firstFindingId: null,
      },
    ],
  },
  sameFile: {
    total: 1,
    items: [
      {
        id: 5,
        ruleName: 'Other_Rule',
        ruleNamespace: 'default',
        packName: 'outpost-default',
        score: 40,
        triageStatus: 'confirmed',
        matchCount: 3,
      },
    ],
  },
}

function bridge(detail: FindingDetail, extra: Responses = {}) {
  return installFakeBridge({
    ...baseResponses(),
    'findings:get': { value: detail },
    'findings:related': { value: RELATED },
    'files:read': fakeFile(SIZE, { 0x40: [0x49, 0x45, 0x58, 0x28] }).read,
    ...extra,
  })
}

async function pane(onOpenFinding?: (id: number) => void) {
  render(
    <FindingDetailPane findingId={1} onClose={() => undefined} onOpenFinding={onOpenFinding} />,
  )
  return screen.findByRole('region', { name: 'Finding detail' })
}

function hexRows(): HTMLElement {
  return screen.getByRole('group', { name: /: bytes 0x/ })
}

describe('Finding detail', () => {
  it("highlights the definitions of the matched strings in the rule's source, in that rule only", async () => {
    bridge(detailWith())
    const detail = await pane()
    const source = await waitFor(() => {
      const found = detail.querySelector('.rule-source')
      expect(found).not.toBeNull()
      return found!
    })
    const matched = [...source.querySelectorAll('.source-line.matched')].map((l) =>
      l.textContent.replace(/\s+/g, ' ').trim(),
    )
    expect(matched).toEqual(['Matched: $a = "IEX("', 'Matched: $c = { 4D 5A }'])
    expect(source.textContent).toContain('$a = "helper-a"')
    expect(source.textContent).toContain('$b = "never"')
    expect(within(detail).getByText(/Matched strings: \$a, \$c/)).toBeTruthy()
  })

  it('says when the rule source was not kept', async () => {
    const base = detailWith()
    bridge({ ...base, rule: { ...base.rule, source: null } })
    const detail = await pane()
    expect(await within(detail).findByText(/source of this rule was not kept/)).toBeTruthy()
  })

  it('opens the hex view at the first match with every match marked, and a match click goes to it', async () => {
    const fake = bridge(detailWith())
    const user = userEvent.setup()
    const detail = await pane()
    await waitFor(() => {
      expect(hexRows().querySelector('mark')?.textContent).toBe('49 45 58 28')
    })
    expect(fake.inputsOf('files:read')).toEqual([{ fileId: 42, offset: 0, length: CHUNK_BYTES }])

    await user.click(within(detail).getByRole('button', { name: /^Match 2: \$c at 0x70010/ }))
    const chunk = Math.floor(0x70010 / CHUNK_BYTES) * CHUNK_BYTES
    await waitFor(() => {
      expect(fake.inputsOf('files:read')).toContainEqual({
        fileId: 42,
        offset: chunk,
        length: CHUNK_BYTES,
      })
    })
    await waitFor(() => {
      expect(hexRows().querySelector('.hex-current')?.textContent).toBe('10 11')
    })
    expect(hexRows().querySelector('.hex-target')?.textContent).toMatch(/^00070010 /)

    // Enter on a match does the same.
    within(detail)
      .getByRole('button', { name: /^Match 1: \$a/ })
      .focus()
    await user.keyboard('{Enter}')
    await waitFor(() => {
      expect(hexRows().querySelector('.hex-target')?.textContent).toMatch(/^00000040 /)
    })
  })

  it('keeps the stored excerpts and says why when the file cannot be read', async () => {
    bridge(detailWith(), {
      'files:read': () =>
        fail(
          'INVALID_INPUT',
          'The content of run.ps1 is only readable through its file system (resident, compressed or inline data); the stored match excerpts are shown instead.',
        ),
    })
    const detail = await pane()
    const alert = await within(detail).findByRole('alert')
    expect(alert.textContent).toContain('stored match excerpts are shown instead')
    expect(detail.querySelectorAll('.hexdump')).toHaveLength(2)
    expect(detail.querySelector('.escaped-bytes')).not.toBeNull()
  })

  it('lists the same content elsewhere and the other findings of the file, each opening its finding', async () => {
    bridge(detailWith())
    const open = vi.fn()
    const user = userEvent.setup()
    const detail = await pane(open)
    await within(detail).findByText('Same SHA-256 elsewhere (3)')
    expect(within(detail).getByText('1 more not listed.')).toBeTruthy()
    await user.click(within(detail).getByRole('button', { name: /\/copies\/run\.ps1/ }))
    expect(open).toHaveBeenLastCalledWith(77)
    // A copy with no finding is listed, not a button.
    expect(within(detail).queryByRole('button', { name: /\/Users\/x\/run\.ps1/ })).toBeNull()
    expect(within(detail).getByText(/\/Users\/x\/run\.ps1/)).toBeTruthy()

    expect(within(detail).getByText('Other findings in this file (1)')).toBeTruthy()
    await user.click(within(detail).getByRole('button', { name: 'Other_Rule' }))
    expect(open).toHaveBeenLastCalledWith(5)
  })

  it('folds and unfolds its sections from the keyboard', async () => {
    bridge(detailWith())
    const user = userEvent.setup()
    const detail = await pane()
    const toggle = await within(detail).findByRole('button', { name: 'Rule' })
    expect(toggle.getAttribute('aria-expanded')).toBe('true')
    toggle.focus()
    await user.keyboard('{Enter}')
    expect(toggle.getAttribute('aria-expanded')).toBe('false')
    expect(detail.querySelector('.rule-source')?.closest('[hidden]')).not.toBeNull()
    await user.keyboard(' ')
    expect(toggle.getAttribute('aria-expanded')).toBe('true')
  })

  it('renders hostile source, meta, identifiers, paths and related entries as inert text', async () => {
    const row = makeFindingRow({ path: HOSTILE, ruleName: HOSTILE, evidenceLabel: HOSTILE })
    const base = detailWith()
    const detail: FindingDetail = {
      ...base,
      finding: row,
      rule: {
        ...base.rule,
        name: HOSTILE,
        description: HOSTILE,
        meta: { [HOSTILE]: HOSTILE },
        source: `rule X { meta: d = "${HOSTILE}" strings: $a = "${HOSTILE}" condition: $a }\n// ${HOSTILE}`,
      },
      file: { ...base.file, path: HOSTILE, evidenceLabel: HOSTILE },
      matches: [{ ...base.matches[0]!, identifier: HOSTILE }],
    }
    bridge(detail, {
      'findings:related': {
        value: {
          sameHash: {
            total: 1,
            items: [{ ...RELATED.sameHash.items[0]!, path: HOSTILE, evidenceLabel: HOSTILE }],
          },
          sameFile: {
            total: 1,
            items: [{ ...RELATED.sameFile.items[0]!, ruleName: HOSTILE, packName: HOSTILE }],
          },
        },
      },
    })
    const { container } = render(
      <FindingDetailPane findingId={1} onClose={() => undefined} onOpenFinding={() => undefined} />,
    )
    const pane = await screen.findByRole('region', { name: 'Finding detail' })
    await within(pane).findByText('Other findings in this file (1)')
    await waitFor(() => {
      expect(hexRows().querySelector('mark')).not.toBeNull()
    })
    expect(pane.querySelector('.rule-source')?.textContent).toContain(
      '<img src=x onerror=alert(1)>',
    )
    expectInert(container)
  })
})
