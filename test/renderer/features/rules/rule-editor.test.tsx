import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { RuleDiagnostic } from '../../../../main/core/model/rules'
import type { RuleTestResult } from '../../../../main/core/model/rule-editor'
import { RuleEditorPanel } from '../../../../renderer/features/rules/RuleEditorPanel'
import { fail, installFakeBridge, ok } from '../../fake-bridge'
import type { Responses } from '../../fake-bridge'
import { makeEvidence, makeScan } from '../../fixtures'
import { expectInert, HOSTILE } from '../../hostile'

const GOOD = `rule Demo
{
    strings:
        $a = "abc"
    condition:
        $a
}
`
const BROKEN = GOOD.replace('        $a\n}', '        $a and $b\n}')

/** What yara-x says about BROKEN (measured in the service test). */
const UNKNOWN_PATTERN: RuleDiagnostic = {
  severity: 'error',
  file: 'editor.yar',
  line: 6,
  column: 16,
  code: 'E025',
  message: 'unknown pattern `$b`',
  rule: 'Demo',
}

/** A validator that reports an unknown `$b` wherever it is. */
function responses(extra: Responses = {}): Responses {
  return {
    'authoring:list': {
      value: {
        folder: '/data/authoring',
        files: [{ file: 'old.yar', sizeBytes: 10, modifiedAt: '2026-01-01T00:00:00.000Z' }],
        releaseCommand: 'outpost rules pack /data/authoring --sign',
      },
    },
    'evidence:list': { value: [makeEvidence({ id: 3, label: 'Laptop' })] },
    'rules:validateSource': (input) => {
      const source = (input as { source: string }).source
      return ok(source.includes('$b') ? [UNKNOWN_PATTERN] : [])
    },
    ...extra,
  }
}

function editorBox(): HTMLTextAreaElement {
  return screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Rule source' })
}

describe('RuleEditorPanel', () => {
  it('shows the diagnostic of a broken rule once typing pauses, marked on its line', async () => {
    const bridge = installFakeBridge(responses())
    const { container } = render(<RuleEditorPanel initialSource={GOOD} />)
    await screen.findByText('No errors or warnings.')
    expect(bridge.inputsOf('rules:validateSource')).toEqual([{ source: GOOD }])

    fireEvent.change(editorBox(), { target: { value: BROKEN } })
    // Debounced: nothing is sent at once.
    await act(() => new Promise((resolve) => setTimeout(resolve, 100)))
    expect(bridge.inputsOf('rules:validateSource')).toHaveLength(1)
    expect(screen.getByRole('status', { name: '' }).textContent).toMatch(/Checking/)

    const errors = await screen.findByRole('list', { name: 'Errors' }, { timeout: 2000 })
    expect(errors.textContent).toBe('6:16 E025 unknown pattern `$b` (rule Demo)')
    expect(bridge.inputsOf('rules:validateSource')).toEqual([{ source: GOOD }, { source: BROKEN }])
    expect(screen.queryByRole('list', { name: 'Warnings' })).toBeNull()
    expect(container.querySelectorAll('.code-line-error')).toHaveLength(1)
    expect(container.querySelectorAll('.code-line')[5]?.className).toContain('code-line-error')
    expect(container.querySelector('.gutter-error')?.textContent).toBe('✕ 6')

    // A click on the diagnostic puts the caret on line 6, column 16.
    fireEvent.click(within(errors).getByRole('button'))
    expect(editorBox().selectionStart).toBe(BROKEN.indexOf('$b'))
  })

  it('lists warnings apart from errors', async () => {
    installFakeBridge(
      responses({
        'rules:validateSource': {
          value: [{ ...UNKNOWN_PATTERN, severity: 'warning', code: 'slow_pattern', line: 4 }],
        },
      }),
    )
    render(<RuleEditorPanel initialSource={GOOD} />)
    const warnings = await screen.findByRole('list', { name: 'Warnings' })
    expect(warnings.textContent).toMatch(/^4:16 slow_pattern/)
    expect(screen.queryByRole('list', { name: 'Errors' })).toBeNull()
    expect(screen.getByText('0 errors, 1 warning.')).toBeTruthy()
  })

  it('highlights tokens as text: markup in a rule string is shown literally', async () => {
    installFakeBridge(responses())
    const source = `rule Xss // note\n{\n    meta:\n        author = "<img src=x onerror=alert(1)>"\n    strings:\n        $h = { 4D 5A }\n    condition:\n        $h and filesize < 10\n}\n`
    const { container } = render(<RuleEditorPanel initialSource={source} />)
    await screen.findByText('No errors or warnings.')
    expectInertMarkup(container)
    const strings = [...container.querySelectorAll('.tok-string')].map((e) => e.textContent)
    expect(strings).toEqual(['"<img src=x onerror=alert(1)>"'])
    const kinds = (kind: string) =>
      [...container.querySelectorAll(`.tok-${kind}`)].map((e) => e.textContent)
    expect(kinds('keyword')).toEqual(['rule', 'meta', 'strings', 'condition', 'and', 'filesize'])
    expect(kinds('comment')).toEqual(['// note'])
    expect(kinds('meta-key')).toEqual(['author'])
    expect(kinds('hex')).toEqual(['{ 4D 5A }'])
    expect(kinds('variable')).toEqual(['$h', '$h'])
    expect(kinds('number')).toEqual(['10'])
    expect(container.querySelector('.rule-editor-highlight')?.textContent).toBe(source)
    expect(container.querySelectorAll('.gutter-line')).toHaveLength(source.split('\n').length)
  })

  it('Tab inserts two spaces; Ctrl+S saves under the file name', async () => {
    const bridge = installFakeBridge(
      responses({
        'authoring:save': (input) =>
          ok({ file: (input as { file: string }).file, sizeBytes: 42, modifiedAt: 'now' }),
      }),
    )
    render(<RuleEditorPanel initialSource="ab" />)
    const box = editorBox()
    box.setSelectionRange(1, 1)
    fireEvent.keyDown(box, { key: 'Tab' })
    expect(box.value).toBe('a  b')
    expect(box.selectionStart).toBe(3)
    fireEvent.change(screen.getByRole('textbox', { name: 'File name' }), {
      target: { value: 'web_shells.yar' },
    })
    fireEvent.keyDown(box, { key: 's', ctrlKey: true })
    await screen.findByText('Saved web_shells.yar (42 bytes).')
    expect(bridge.inputsOf('authoring:save')).toEqual([{ file: 'web_shells.yar', source: 'a  b' }])
    expect(screen.getByText('outpost rules pack /data/authoring --sign')).toBeTruthy()
  })

  it('lets Escape then Tab leave the editor (no keyboard trap)', () => {
    installFakeBridge(responses())
    render(<RuleEditorPanel initialSource="ab" />)
    const box = editorBox()
    fireEvent.keyDown(box, { key: 'Escape' })
    fireEvent.keyDown(box, { key: 'Tab' })
    expect(box.value).toBe('ab')
    fireEvent.keyDown(box, { key: 'a' })
    box.setSelectionRange(0, 0)
    fireEvent.keyDown(box, { key: 'Tab' })
    expect(box.value).toBe('  ab')
  })

  it('takes a new file selection from the evidence browser', async () => {
    installFakeBridge(responses())
    const { rerender } = render(<RuleEditorPanel initialSource={GOOD} selectedFileId={4} />)
    const input = screen.getByRole<HTMLInputElement>('textbox', { name: 'Case file id' })
    expect(input.value).toBe('4')
    fireEvent.change(input, { target: { value: '12' } })
    rerender(<RuleEditorPanel initialSource={GOOD} selectedFileId={4} />)
    expect(input.value).toBe('12')
    rerender(<RuleEditorPanel initialSource={GOOD} selectedFileId={31} />)
    expect(input.value).toBe('31')
    await screen.findByText('No errors or warnings.')
  })

  it('refuses an odd file name before calling the main process', async () => {
    const bridge = installFakeBridge(responses())
    render(<RuleEditorPanel initialSource={GOOD} />)
    fireEvent.change(screen.getByRole('textbox', { name: 'File name' }), {
      target: { value: '../x.yar' },
    })
    expect(screen.getByRole('button', { name: 'Save' })).toHaveProperty('disabled', true)
    fireEvent.keyDown(editorBox(), { key: 's', ctrlKey: true })
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)))
    expect(bridge.inputsOf('authoring:save')).toEqual([])
    expect(screen.getByText(/A name is 1 to 64 letters/)).toBeTruthy()
  })

  it('Ctrl+Enter tests on the file; hostile match bytes stay text', async () => {
    const result: RuleTestResult = {
      fileId: 7,
      path: HOSTILE,
      sizeBytes: 300,
      rules: [HOSTILE],
      matches: [
        {
          rule: HOSTILE,
          identifier: '$a',
          offset: 256,
          length: 3,
          excerptHex: '616263',
          excerptAscii: '<img src=x onerror=alert(1)>',
        },
      ],
      excerptBytes: 256,
      elapsedMs: 4,
    }
    const bridge = installFakeBridge(responses({ 'rules:testOnFile': { value: result } }))
    const { container } = render(<RuleEditorPanel initialSource={GOOD} selectedFileId={7} />)
    await screen.findByText('No errors or warnings.')
    fireEvent.keyDown(editorBox(), { key: 'Enter', ctrlKey: true })
    const table = await screen.findByRole('table', { name: 'Matches' })
    expect(bridge.inputsOf('rules:testOnFile')).toEqual([
      { source: GOOD, fileId: 7, taskId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown },
    ])
    expect(within(table).getByText('256 (0x100)')).toBeTruthy()
    expect(within(table).getByText('61 62 63')).toBeTruthy()
    expect(table.textContent).toContain('<img src=x onerror=alert(1)>')
    expectInert(container)
  })

  it('shows why a test failed', async () => {
    installFakeBridge(
      responses({
        'rules:testOnFile': { result: fail('NOT_FOUND', 'There is no file 9 in this case.') },
      }),
    )
    render(<RuleEditorPanel initialSource={GOOD} />)
    fireEvent.change(screen.getByRole('textbox', { name: 'Case file id' }), {
      target: { value: '9' },
    })
    await screen.findByText('No errors or warnings.')
    fireEvent.click(screen.getByRole('button', { name: 'Test on file' }))
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('There is no file 9 in this case.')
  })

  it('tests on evidence as a scan and tells the workbench', async () => {
    const scan = makeScan({ id: 5, status: 'running' })
    const bridge = installFakeBridge(responses({ 'rules:testOnEvidence': { value: scan } }))
    const onScanStarted = vi.fn()
    render(<RuleEditorPanel initialSource={GOOD} onScanStarted={onScanStarted} />)
    await screen.findByRole('option', { name: 'Laptop' })
    await screen.findByText('No errors or warnings.')
    fireEvent.click(screen.getByRole('button', { name: 'Test on evidence' }))
    await screen.findByText(/Scan #5 started with these rules only/)
    expect(bridge.inputsOf('rules:testOnEvidence')).toEqual([{ source: GOOD, evidenceId: 3 }])
    expect(onScanStarted).toHaveBeenCalledWith(scan)
  })

  it('opens a saved file, asking first when the editor holds unsaved changes', async () => {
    const bridge = installFakeBridge(
      responses({ 'authoring:read': { value: { file: 'old.yar', source: 'rule Old {}' } } }),
    )
    render(<RuleEditorPanel initialSource={GOOD} />)
    fireEvent.change(editorBox(), { target: { value: `${GOOD}// edited\n` } })
    fireEvent.click(await screen.findByRole('button', { name: 'old.yar' }))
    expect(bridge.inputsOf('authoring:read')).toEqual([])
    fireEvent.click(screen.getByRole('button', { name: 'Open anyway' }))
    await screen.findByDisplayValue('old.yar')
    expect(editorBox().value).toBe('rule Old {}')
  })
})

/** No element was created from the rule text. */
function expectInertMarkup(container: HTMLElement) {
  expect(container.querySelector('img,svg,script,iframe,[onerror],[src]')).toBeNull()
}
