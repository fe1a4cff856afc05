import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { TLP_LEVELS } from '../../main/core/model/tlp'
import { TLP_DEFINITIONS } from '../../main/core/share/readme-text'
import { ROOT } from '../helpers/launcher'

const TAXONOMY = join(
  ROOT,
  '..',
  'shared',
  'corpus',
  'misp',
  'misp-taxonomies',
  'tlp',
  'machinetag.json',
)

const normalise = (text: string): string => text.replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim()

describe('the TLP text in README.txt', () => {
  const predicates = (
    JSON.parse(readFileSync(TAXONOMY, 'utf8')) as {
      predicates: { value: string; description?: string }[]
    }
  ).predicates

  it.each(TLP_LEVELS)('%s says what the TLP 2.0 taxonomy says', (level) => {
    const official = normalise(predicates.find((p) => p.value === level)?.description ?? '')
    const [headline = '', body = ''] = TLP_DEFINITIONS[level]
    const ours = normalise(headline.replace(/^TLP:\S+ = /, ''))

    expect(official.length).toBeGreaterThan(0)
    expect(official).toContain(ours.split('. Note')[0])
    for (const sentence of normalise(body)
      .split(/(?<=\.) /)
      .slice(0, 2)) {
      expect(official).toContain(sentence.replace(/\.$/, ''))
    }
  })
})
