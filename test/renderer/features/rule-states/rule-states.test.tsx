import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { RuleStateView, SuppressionView } from '../../../../main/core/model/rule-states'
import { FindingDetailPane } from '../../../../renderer/features/findings/FindingDetailPane'
import { FindingsPanel } from '../../../../renderer/features/findings/FindingsPanel'
import { RuleLifecycleBadges } from '../../../../renderer/features/rule-states/RuleLifecycleBadges'
import { RuleStateControl } from '../../../../renderer/features/rule-states/RuleStateControl'
import { SuppressionList } from '../../../../renderer/features/rule-states/SuppressionList'
import { fail, installFakeBridge, ok } from '../../fake-bridge'
import { baseResponses, makeDetail, makeFindingRow } from '../../fixtures'
import { expectInert, HOSTILE } from '../../hostile'

const KEY = 'id:OUTPOST-2026-0001'

function stateView(input: unknown): RuleStateView {
  const i = input as { state: RuleStateView['state']; reason: string }
  return {
    ruleKey: KEY,
    namespace: 'outpost_default',
    name: 'SUSP_Thing',
    state: i.state,
    reason: i.reason,
    setBy: 'ana',
    setAt: '2026-11-26T07:00:00.000Z',
  }
}

function suppression(overrides: Partial<SuppressionView> = {}): SuppressionView {
  return {
    id: 3,
    ruleKey: KEY,
    sha256: 'ab'.repeat(32),
    reason: 'vendor tool',
    origin: 'case',
    createdBy: 'ana',
    createdAt: '2026-11-26T07:00:00.000Z',
    findings: 2,
    ...overrides,
  }
}

const control = () =>
  render(
    <RuleStateControl ruleKey={KEY} namespace="outpost_default" name="SUSP_Thing" state="active" />,
  )

describe('RuleStateControl', () => {
  it('sets testing at once, and says it applies from the next scan', async () => {
    const fake = installFakeBridge({ 'rules:setState': (input) => ok(stateView(input)) })
    const user = userEvent.setup()
    control()
    await user.selectOptions(screen.getByLabelText('State in this case'), 'testing')
    await screen.findByText('Now testing; applies from the next scan.')
    expect(fake.inputsOf('rules:setState')).toEqual([
      {
        ruleKey: KEY,
        namespace: 'outpost_default',
        name: 'SUSP_Thing',
        state: 'testing',
        reason: '',
      },
    ])
  })

  it('asks why before disabling, and sends the reason', async () => {
    const fake = installFakeBridge({ 'rules:setState': (input) => ok(stateView(input)) })
    const user = userEvent.setup()
    control()
    await user.selectOptions(screen.getByLabelText('State in this case'), 'disabled')
    const submit = screen.getByRole('button', { name: 'Disable rule' })
    expect(submit).toHaveProperty('disabled', true)
    expect(fake.inputsOf('rules:setState')).toEqual([])
    await user.type(screen.getByLabelText('Why disable this rule?'), 'too noisy')
    await user.click(submit)
    await screen.findByText('Now disabled; applies from the next scan.')
    expect(fake.inputsOf('rules:setState')).toEqual([
      expect.objectContaining({ state: 'disabled', reason: 'too noisy' }),
    ])
  })

  it('keeps the old state and shows the error when saving fails', async () => {
    installFakeBridge({ 'rules:setState': { result: fail('NO_CASE_OPEN', 'No case is open.') } })
    const user = userEvent.setup()
    control()
    const select = screen.getByLabelText<HTMLSelectElement>('State in this case')
    await user.selectOptions(select, 'testing')
    expect(await screen.findByRole('alert')).toHaveProperty(
      'textContent',
      expect.stringContaining('No case is open.'),
    )
    expect(select.value).toBe('active')
  })
})

describe('SuppressionList', () => {
  it('lists suppressions with hostile text inert, removes one and reloads', async () => {
    let list = [suppression({ reason: HOSTILE }), suppression({ id: 4, origin: 'pack:partner' })]
    const fake = installFakeBridge({
      'suppressions:list': () => ok(list),
      'suppressions:remove': (input) => {
        list = list.filter((s) => s.id !== (input as { id: number }).id)
        return ok(suppression())
      },
    })
    const user = userEvent.setup()
    const { container } = render(<SuppressionList />)
    const rows = await screen.findAllByRole('row')
    expect(rows).toHaveLength(3)
    expect(within(rows[2]!).getByText('pack:partner')).toBeTruthy()
    expectInert(container)
    await user.click(screen.getByRole('button', { name: 'Remove suppression 3' }))
    await screen.findByText(/Suppression 3 removed. Its findings keep their triage status/)
    await waitFor(() => {
      expect(screen.getAllByRole('row')).toHaveLength(2)
    })
    expect(fake.inputsOf('suppressions:remove')).toEqual([{ id: 3 }])
  })

  it('exports suppressions.json into the folder picked, and not when the pick is cancelled', async () => {
    const picks: (string | null)[] = [null, '/cases/out/']
    const fake = installFakeBridge({
      'suppressions:list': { value: [suppression()] },
      'dialog:pickFolder': () => ok(picks.shift() ?? null),
      'suppressions:export': (input) => ok({ path: (input as { path: string }).path, count: 1 }),
    })
    const user = userEvent.setup()
    render(<SuppressionList />)
    const button = await screen.findByRole('button', { name: 'Export suppressions.json…' })
    await user.click(button)
    await user.click(button)
    await screen.findByText('1 suppressions written to /cases/out/suppressions.json.')
    expect(fake.inputsOf('suppressions:export')).toEqual([{ path: '/cases/out/suppressions.json' }])
  })
})

describe('finding detail: false positive — suppress', () => {
  it('turns the finding into a suppression with a reason and reloads it', async () => {
    let detail = makeDetail()
    const fake = installFakeBridge({
      ...baseResponses(),
      'findings:get': () => ok(detail),
      'suppressions:add': () => {
        detail = makeDetail({
          finding: makeFindingRow({
            triageStatus: 'false-positive',
            suppression: { id: 9, reason: 'lab sample', by: 'ana' },
          }),
        })
        return ok(suppression({ id: 9, reason: 'lab sample' }))
      },
    })
    const user = userEvent.setup()
    render(<FindingDetailPane findingId={1} onClose={() => undefined} />)
    await user.click(await screen.findByRole('button', { name: 'False positive — suppress' }))
    const submit = screen.getByRole('button', { name: 'Suppress' })
    expect(submit).toHaveProperty('disabled', true)
    await user.type(screen.getByLabelText('Why is this a false positive?'), '  lab sample ')
    await user.click(submit)
    await screen.findByText(/Suppressed \(#9\) by/)
    expect(fake.inputsOf('suppressions:add')).toEqual([{ findingId: 1, reason: 'lab sample' }])
    await waitFor(() => {
      expect(fake.inputsOf('findings:get')).toHaveLength(2)
    })
    expect(await screen.findByText('Suppressed')).toBeTruthy()
  })

  it('says why content without a SHA-256 cannot be suppressed', async () => {
    installFakeBridge({
      ...baseResponses(),
      'findings:get': { value: makeDetail({ file: { ...makeDetail().file, sha256: null } }) },
    })
    render(<FindingDetailPane findingId={1} onClose={() => undefined} />)
    await screen.findByText(/no SHA-256, so it cannot become a suppression/)
    expect(screen.queryByRole('button', { name: 'False positive — suppress' })).toBeNull()
  })
})

describe('findings filter: hide suppressed', () => {
  it('asks for findings without the suppressed ones, and back after clearing', async () => {
    const fake = installFakeBridge({
      ...baseResponses(),
      'findings:list': {
        value: {
          total: 1,
          rows: [makeFindingRow({ suppression: { id: 1, reason: 'r', by: 'ana' } })],
        },
      },
    })
    const user = userEvent.setup()
    render(<FindingsPanel revision={0} />)
    await screen.findByText('Suppressed')
    await user.click(screen.getByRole('checkbox', { name: 'Hide suppressed' }))
    await waitFor(() => {
      expect(fake.inputsOf('findings:list').at(-1)).toMatchObject({ hideSuppressed: true })
    })
    await user.click(screen.getByRole('button', { name: 'Clear all filters' }))
    await waitFor(() => {
      expect(fake.inputsOf('findings:list').at(-1)).not.toHaveProperty('hideSuppressed')
    })
  })
})

describe('RuleLifecycleBadges', () => {
  it('names testing, suppressed and superseded findings in text', () => {
    const { container } = render(
      <RuleLifecycleBadges
        row={{
          ruleState: 'testing',
          suppression: { id: 1, reason: 'r', by: 'ana' },
          superseded: 'logic-changed',
        }}
      />,
    )
    expect(container.textContent).toBe('Testing ruleSuppressedSuperseded: rule changed')
  })

  it('shows nothing for a plain finding', () => {
    const { container } = render(
      <RuleLifecycleBadges row={{ ruleState: null, suppression: null, superseded: null }} />,
    )
    expect(container.textContent).toBe('')
  })
})
