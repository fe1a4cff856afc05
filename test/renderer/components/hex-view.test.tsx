import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { HexView, VISIBLE_ROWS } from '../../../renderer/components/hex/HexView'
import { CHUNK_BYTES } from '../../../renderer/components/hex/use-hex-chunks'
import { fail, installFakeBridge } from '../fake-bridge'
import { fakeFile } from './hex-file'

const TEN_MIB = 10 * 1024 * 1024

function rowsOf(): HTMLElement {
  return screen.getByRole('group', { name: /^Content of test\.bin: bytes/ })
}

function rowTexts(): string[] {
  return [...rowsOf().querySelectorAll('.hex-row')].map((row) => row.textContent)
}

function readsOf(bridge: ReturnType<typeof installFakeBridge>) {
  return bridge.inputsOf('files:read') as { fileId: number; offset: number; length: number }[]
}

describe('HexView', () => {
  it('draws only the rows in view of a 10 MiB file and asks for the chunk they are in', async () => {
    const file = fakeFile(TEN_MIB)
    const bridge = installFakeBridge({ 'files:read': file.read })
    render(<HexView fileId={3} sizeBytes={TEN_MIB} label="Content of test.bin" />)

    await waitFor(() => {
      expect(rowTexts()[0]).toBe(
        '00000000 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f ................',
      )
    })
    expect(rowsOf().querySelectorAll('.hex-row')).toHaveLength(VISIBLE_ROWS)
    expect(rowTexts()[2]).toBe(
      '00000020 20 21 22 23 24 25 26 27 28 29 2a 2b 2c 2d 2e 2f  !"#$%&\'()*+,-./',
    )
    expect(readsOf(bridge)).toEqual([{ fileId: 3, offset: 0, length: CHUNK_BYTES }])
    expect(CHUNK_BYTES).toBeGreaterThanOrEqual(4096)
    expect(CHUNK_BYTES).toBeLessThanOrEqual(16_384)
  })

  it('opens at the initial offset and marks exactly the highlighted bytes', async () => {
    const at = 5 * 1024 * 1024 + 0x113
    const file = fakeFile(TEN_MIB, { [at]: [0x4d, 0x5a, 0x90] })
    const bridge = installFakeBridge({ 'files:read': file.read })
    render(
      <HexView
        fileId={3}
        sizeBytes={TEN_MIB}
        label="Content of test.bin"
        initialOffset={at}
        highlights={[{ offset: at, length: 3, label: '$mz' }]}
      />,
    )
    const marks = await waitFor(() => {
      const found = rowsOf().querySelectorAll('mark')
      expect(found).toHaveLength(2)
      expect(found[0]!.textContent).not.toMatch(/\?/)
      return found
    })
    expect(marks[0]!.textContent).toBe('4d 5a 90')
    expect(marks[1]!.textContent).toBe('MZ.')
    const row = marks[0]!.closest('.hex-row')!
    expect(row.textContent).toBe(
      '00500110 10 11 12 4d 5a 90 16 17 18 19 1a 1b 1c 1d 1e 1f ...MZ...........',
    )
    expect(row.classList.contains('hex-target')).toBe(true)
    // The chunk holding the offset, and not the start of the file.
    expect(readsOf(bridge)).toEqual([
      { fileId: 3, offset: Math.floor(at / CHUNK_BYTES) * CHUNK_BYTES, length: CHUNK_BYTES },
    ])
    expect(screen.getByText(/1 highlighted match/).textContent).toMatch(/\$mz at 0x500113, 3 bytes/)
  })

  it('goes to an offset typed in hex or decimal, and says what is wrong with a bad one', async () => {
    const file = fakeFile(TEN_MIB)
    const bridge = installFakeBridge({ 'files:read': file.read })
    const user = userEvent.setup()
    render(<HexView fileId={3} sizeBytes={TEN_MIB} label="Content of test.bin" />)
    const field = screen.getByRole('textbox', { name: 'Go to offset' })

    await user.type(field, '0x123456{Enter}')
    await waitFor(() => {
      expect(rowsOf().querySelector('.hex-target')?.textContent).toMatch(/^00123450 /)
    })
    expect(readsOf(bridge).at(-1)).toEqual({ fileId: 3, offset: 0x120000, length: CHUNK_BYTES })

    await user.clear(field)
    await user.type(field, '4096{Enter}')
    await waitFor(() => {
      expect(rowsOf().querySelector('.hex-target')?.textContent).toMatch(/^00001000 /)
    })

    await user.clear(field)
    await user.type(field, 'zz{Enter}')
    expect(screen.getByRole('alert').textContent).toMatch(/hex \(0x1f40\) or decimal/)
    await user.clear(field)
    await user.type(field, `${TEN_MIB}{Enter}`)
    expect(screen.getByRole('alert').textContent).toMatch(/type a smaller offset/)
  })

  it('shows the text as UTF-16LE when asked, with controls and bidi characters as dots', async () => {
    // "Hi" then U+202E (right-to-left override) then NUL NUL then "é" in UTF-16LE.
    const text = [0x48, 0, 0x69, 0, 0x2e, 0x20, 0, 0, 0xe9, 0]
    installFakeBridge({ 'files:read': fakeFile(10, { 0: text }).read })
    const user = userEvent.setup()
    render(<HexView fileId={3} sizeBytes={10} label="Content of test.bin" />)
    await waitFor(() => {
      expect(rowTexts()[0]).toMatch(/H\.i\.\. \.\.\.\.$/)
    })
    await user.click(screen.getByRole('checkbox', { name: 'Text as UTF-16LE' }))
    const gutter = rowsOf().querySelector('.hex-gutter')!
    expect(gutter.textContent).toBe('Hi..é')
    expect(gutter.classList.contains('hex-gutter-utf16le')).toBe(true)
  })

  it('moves with the keyboard and the position slider', async () => {
    installFakeBridge({ 'files:read': fakeFile(TEN_MIB).read })
    const user = userEvent.setup()
    render(<HexView fileId={3} sizeBytes={TEN_MIB} label="Content of test.bin" />)
    const firstOffset = () => rowTexts()[0]!.slice(0, 8)

    await user.click(rowsOf())
    expect(document.activeElement).toBe(rowsOf())
    await user.keyboard('{ArrowDown}{ArrowDown}')
    expect(firstOffset()).toBe('00000020')
    await user.keyboard('{PageDown}')
    expect(firstOffset()).toBe((2 * 16 + VISIBLE_ROWS * 16).toString(16).padStart(8, '0'))
    await user.keyboard('{ArrowUp}')
    expect(firstOffset()).toBe((1 * 16 + VISIBLE_ROWS * 16).toString(16).padStart(8, '0'))
    await user.keyboard('{End}')
    expect(firstOffset()).toBe((TEN_MIB - VISIBLE_ROWS * 16).toString(16).padStart(8, '0'))
    expect(rowTexts().at(-1)).toMatch(/^009ffff0 /)
    await user.keyboard('{Home}')
    expect(firstOffset()).toBe('00000000')
    await user.keyboard('{PageUp}')
    expect(firstOffset()).toBe('00000000')

    fireEvent.change(screen.getByRole('slider', { name: /Position in the file/ }), {
      target: { value: '4096' },
    })
    expect(firstOffset()).toBe('00010000')
    fireEvent.wheel(rowsOf(), { deltaY: 100 })
    expect(firstOffset()).toBe('00010030')
  })

  it('starts over at the beginning when it is given another file', async () => {
    const bridge = installFakeBridge({ 'files:read': fakeFile(TEN_MIB).read })
    const { rerender } = render(
      <HexView
        fileId={3}
        sizeBytes={TEN_MIB}
        label="Content of test.bin"
        initialOffset={0x90000}
      />,
    )
    await waitFor(() => {
      expect(rowsOf().querySelector('.hex-target')?.textContent).toMatch(/^00090000 /)
    })
    rerender(<HexView fileId={4} sizeBytes={100} label="Content of test.bin" />)
    await waitFor(() => {
      expect(rowTexts()).toHaveLength(7)
    })
    expect(rowTexts()[0]).toMatch(/^00000000 00 01/)
    expect(rowsOf().querySelector('.hex-target')).toBeNull()
    expect(readsOf(bridge).at(-1)).toEqual({ fileId: 4, offset: 0, length: 100 })
  })

  it('walks the matches with Previous and Next, scrolling to each', async () => {
    const size = 1024 * 1024
    installFakeBridge({ 'files:read': fakeFile(size).read })
    const user = userEvent.setup()
    const highlights = [
      { offset: 0x80000, length: 4, label: '$b' },
      { offset: 0x10, length: 2, label: '$a' },
    ]
    render(
      <HexView fileId={3} sizeBytes={size} label="Content of test.bin" highlights={highlights} />,
    )
    const next = screen.getByRole('button', { name: 'Next match' })
    await user.click(next)
    await waitFor(() => {
      expect(rowsOf().querySelector('.hex-current')?.closest('.hex-row')?.textContent).toMatch(
        /^00000010 /,
      )
    })
    await user.click(next)
    await waitFor(() => {
      expect(rowsOf().querySelector('.hex-current')?.textContent).toBe('00 01 02 03')
    })
    expect(screen.getByText(/highlighted matches/).textContent).toMatch(/\$b at 0x80000/)
    await user.click(screen.getByRole('button', { name: 'Previous match' }))
    await waitFor(() => {
      expect(rowTexts()[0]).toMatch(/^00000000 /)
    })
  })

  it('shows the error and what to do when the bytes cannot be read, and can try again', async () => {
    const bridge = installFakeBridge({
      'files:read': () =>
        fail(
          'INVALID_INPUT',
          'The content of $MFT is only readable through its file system; the stored match excerpts are shown instead.',
        ),
    })
    const user = userEvent.setup()
    render(<HexView fileId={3} sizeBytes={4096} label="Content of test.bin" />)
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toMatch(/Could not read this file's bytes/)
    expect(alert.textContent).toMatch(/stored match excerpts are shown instead/)
    expect(screen.queryByRole('group', { name: /bytes/ })).toBeNull()
    const region = screen.getByRole('region', { name: 'Content of test.bin' })
    await user.click(within(region).getByRole('button', { name: 'Try again' }))
    await waitFor(() => {
      expect(readsOf(bridge)).toHaveLength(2)
    })
  })
})
