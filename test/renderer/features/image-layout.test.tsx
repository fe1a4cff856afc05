import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { EvidenceHarness } from '../evidence-harness'
import { fail, installFakeBridge } from '../fake-bridge'
import type { Responses } from '../fake-bridge'
import { baseResponses } from '../fixtures'
import { filesResponder, makeEntry, makeImage, makeLayout, makeVolume } from '../image-fixtures'

function imageBridge(extra: Responses = {}) {
  return installFakeBridge({
    ...baseResponses(),
    'evidence:list': { value: [makeImage()] },
    'evidence:layout': { value: makeLayout() },
    'evidence:files': filesResponder({
      '11|/': [makeEntry()],
      'null|$Unallocated/volume-1': [
        makeEntry({
          fileId: 500,
          name: '0-65536',
          path: '$Unallocated/volume-1/0-65536',
          kind: 'unallocated',
        }),
      ],
    }),
    ...extra,
  })
}

async function openImage() {
  const user = userEvent.setup()
  render(<EvidenceHarness />)
  const table = await screen.findByRole('table', { name: 'Evidence' })
  await user.click(within(table).getByRole('button', { name: 'laptop.E01' }))
  return { user, layout: await screen.findByRole('region', { name: 'Image layout' }) }
}

describe('Image layout', () => {
  it('shows the container: format, media size, scheme and its details', async () => {
    const bridge = imageBridge()
    const { layout } = await openImage()

    expect(bridge.inputsOf('evidence:layout')).toEqual([{ evidenceId: 3 }])
    const text = layout.textContent
    expect(text).toContain('EWF (E01)')
    expect(text).toContain('64.0 MiB (67,108,864 bytes)')
    expect(text).toContain('MBR (DOS partition table)')
    expect(text).toContain('bytesPerSector512')
    expect(text).toContain('isPhysicalyes')
  })

  it('lists each volume with its slot, start, length, type and file system', async () => {
    imageBridge()
    const { layout } = await openImage()

    const volumes = within(within(layout).getByRole('list', { name: 'Volumes' })).getAllByRole(
      'listitem',
    )
    expect(volumes).toHaveLength(2)
    const first = volumes[0]!.textContent
    expect(first).toContain('Volume 0 (slot 000:000)')
    expect(first).toContain('1,048,576 (0x100000) · sector 2,048')
    expect(first).toContain('32.0 MiB (33,554,432 bytes)')
    expect(first).toContain('FAT32 LBA (0x0c)')
    expect(first).toContain('fat32')
    expect(first).toContain('DATA')
    expect(first).toContain('4.0 KiB (4,096 bytes)')
    expect(volumes[1]!.textContent).toContain('No file system read.')
    // The unallocated-space button comes once its probe answers.
    expect(
      await within(volumes[1]!).findByRole('button', {
        name: 'Browse unallocated space of volume 1',
      }),
    ).toBeTruthy()
  })

  it('shows the GPT name and counts sectors in the stated sector size', async () => {
    imageBridge({
      'evidence:layout': {
        value: makeLayout({
          scheme: 'gpt',
          containerDetails: { bytesPerSector: 4096 },
          volumes: [
            makeVolume({
              scheme: 'gpt',
              slot: '000',
              name: 'Basic data partition',
              startOffset: 1_048_576,
            }),
          ],
        }),
      },
    })
    const { layout } = await openImage()

    expect(layout.textContent).toContain('GPT nameBasic data partition')
    expect(layout.textContent).toContain('sector 256')
  })

  it('opens the first file system in the file browser, and another volume on demand', async () => {
    const bridge = imageBridge()
    const { user, layout } = await openImage()

    const browser = await screen.findByRole('region', { name: 'File browser' })
    expect(browser.textContent).toContain('Files of Volume 0 (slot 000:000) › fat32 “DATA”')
    expect(
      within(layout)
        .getByRole('button', { name: 'Browse files of volume 0' })
        .getAttribute('aria-current'),
    ).toBe('true')

    await user.click(
      await within(layout).findByRole('button', { name: 'Browse unallocated space of volume 1' }),
    )

    expect(await screen.findByRole('button', { name: '0-65536' })).toBeTruthy()
    expect(screen.getByRole('region', { name: 'File browser' }).textContent).toContain(
      'Files of Volume 1 (slot 000:001) › Unallocated space',
    )
    expect(bridge.inputsOf('evidence:files').at(-1)).toEqual({
      evidenceId: 3,
      fileSystemId: null,
      parent: '$Unallocated/volume-1',
      offset: 0,
      limit: 100,
    })
  })

  it('offers no unallocated space until blocks of it are recorded', async () => {
    imageBridge({ 'evidence:files': filesResponder({}) })
    const { layout } = await openImage()

    await screen.findByRole('region', { name: 'File browser' })
    expect(within(layout).queryByRole('button', { name: /Browse unallocated space/ })).toBeNull()
    expect(within(layout).queryByRole('button', { name: /Browse unpartitioned space/ })).toBeNull()
  })

  it('shows the error envelope of evidence:layout', async () => {
    imageBridge({ 'evidence:layout': () => fail('NOT_FOUND', 'There is no evidence 3.') })
    const user = userEvent.setup()
    render(<EvidenceHarness />)
    await user.click(await screen.findByRole('button', { name: 'laptop.E01' }))

    expect((await screen.findByRole('alert')).textContent).toContain('There is no evidence 3.')
  })

  it('closes the detail', async () => {
    imageBridge()
    const { user } = await openImage()

    await user.click(screen.getByRole('button', { name: 'Close evidence detail' }))

    expect(screen.queryByRole('region', { name: 'Image layout' })).toBeNull()
  })
})
