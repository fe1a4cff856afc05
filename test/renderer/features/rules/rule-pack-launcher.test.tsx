import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { RulePackList } from '../../../../renderer/features/scan/RulePackList'
import { installFakeBridge } from '../../fake-bridge'
import { pack, V1, version } from './pack-fixtures'

describe('the scan launcher’s rule packs', () => {
  it('lists the active version of every installed pack, as the Rules section does', async () => {
    const local = version({
      installId: 'local-2',
      version: 'local',
      sequence: 2,
      signature: 'unsigned',
      signer: null,
      ruleCount: null,
    })
    const inactive = { name: 'retired', active: null, versions: [V1] }
    installFakeBridge({
      'rules:store': {
        value: [pack(V1), { name: 'my-folder', active: local, versions: [local] }, inactive],
      },
    })
    render(<RulePackList />)
    const items = await screen.findAllByRole('listitem')
    expect(items.map((item) => item.textContent)).toEqual([
      'harbour-rules@1.0.0 · 24 rules · Signed by Harbour CSIRT (trusted)',
      'my-folder@local · — rules · Unsigned',
    ])
  })

  it('says how to get a pack when none is active', async () => {
    installFakeBridge({ 'rules:store': { value: [] } })
    render(<RulePackList />)
    expect(await screen.findByText(/No rule pack is active: activate one under Rules/)).toBeTruthy()
  })
})
