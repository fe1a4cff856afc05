import { act, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { FindingsPanel } from '../../../renderer/features/findings/FindingsPanel'
import { EvidenceHarness } from '../evidence-harness'
import { installFakeBridge } from '../fake-bridge'
import { baseResponses, makeDetail, makeFindingRow } from '../fixtures'
import { expectInert, HOSTILE } from '../hostile'
import {
  filesResponder,
  makeEntry,
  makeEvidenceProgress,
  makeFileSystem,
  makeImage,
  makeLayout,
  makeVolume,
} from '../image-fixtures'

function hostileImageBridge() {
  return installFakeBridge({
    ...baseResponses(),
    'evidence:list': {
      value: [
        makeImage({
          label: HOSTILE,
          integrity: 'mismatch',
          integrityDetail: HOSTILE,
          containerFormat: HOSTILE,
          containerFiles: [HOSTILE],
        }),
      ],
    },
    'evidence:layout': {
      value: makeLayout({
        containerFormat: HOSTILE,
        containerDetails: { [HOSTILE]: HOSTILE, caseNumber: HOSTILE },
        volumes: [
          makeVolume({
            slot: HOSTILE,
            type: HOSTILE,
            name: HOSTILE,
            fileSystem: makeFileSystem({ kind: HOSTILE, label: HOSTILE }),
          }),
        ],
      }),
    },
    'evidence:files': filesResponder({
      '11|/': [
        makeEntry({ fileId: 1, name: HOSTILE, path: `/${HOSTILE}`, kind: 'directory' }),
        makeEntry({ fileId: 2, name: HOSTILE, inode: HOSTILE, timeNote: HOSTILE, sha256: HOSTILE }),
      ],
      [`11|/${HOSTILE}`]: [
        makeEntry({ fileId: 3, name: 'inner.txt', path: `/${HOSTILE}/inner.txt` }),
      ],
    }),
  })
}

describe('hostile strings from disk images (D7)', () => {
  it('stay text in the evidence table, the layout tree, the integrity and the file browser', async () => {
    const bridge = hostileImageBridge()
    const user = userEvent.setup()
    const { container } = render(<EvidenceHarness />)
    const table = await screen.findByRole('table', { name: 'Evidence' })
    await user.click(within(table).getAllByRole('row')[1]!.querySelector('button')!)
    await screen.findByRole('region', { name: 'Image layout' })
    const browser = await screen.findByRole('region', { name: 'File browser' })
    await within(browser).findByRole('table', { name: 'Files' })

    expectInert(container)
    await user.click(within(browser).getAllByRole('button', { name: /invoice/ })[0]!)
    await within(browser).findByRole('button', { name: 'inner.txt' })

    expectInert(container)
    act(() => {
      bridge.emit('evidence:progress', makeEvidenceProgress({ done: 1, total: 2 }))
    })
    expect(screen.getByRole('progressbar').getAttribute('aria-label')).toContain(
      'invoice\\u202Efdp',
    )
    expectInert(container)
    const status = screen.getByRole('status', { name: /^Integrity of/ })
    expect(status.getAttribute('aria-label')).toContain('nul\\x00bell')
    const path = within(browser).getByRole('navigation', { name: 'Folder path' })
    expect(path.textContent).toContain('<img src=x onerror=alert(1)>')
  })

  it('stay text in the location of findings', async () => {
    const row = makeFindingRow({ location: HOSTILE, deleted: true })
    installFakeBridge({
      ...baseResponses(),
      'findings:list': { value: { total: 1, rows: [row] } },
      'findings:get': {
        value: makeDetail({
          finding: row,
          file: { ...makeDetail().file, inode: HOSTILE, timeNote: HOSTILE, imageOffset: 1 },
        }),
      },
    })
    const user = userEvent.setup()
    const { container } = render(<FindingsPanel revision={0} />)
    await user.click(await screen.findByText('Suspicious_PowerShell'))
    await screen.findByRole('region', { name: 'Finding detail' })

    expectInert(container)
  })
})
