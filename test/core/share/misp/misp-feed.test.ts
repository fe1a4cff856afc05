import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { buildMispEvent } from '../../../../main/core/share/misp/build-misp-event'
import { buildMispFeed } from '../../../../main/core/share/misp/misp-feed'
import { sampleExportModel } from '../../../helpers/export-model-fixture'

const md5 = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex')

function feedFile(path: string): string {
  const file = buildMispFeed(sampleExportModel()).files.find((f) => f.path === path)
  if (file === undefined) throw new Error(`no ${path} in the feed`)
  return file.content
}

describe('buildMispFeed', () => {
  const model = sampleExportModel()
  const event = buildMispEvent(model)

  it('lays out the event, the manifest and hashes.csv, sorted by path', () => {
    const paths = buildMispFeed(model).files.map((f) => f.path)

    expect(paths).toEqual([`${model.bundleId}.json`, 'hashes.csv', 'manifest.json'])
  })

  it('writes the event as its core-format JSON', () => {
    expect(JSON.parse(feedFile(`${model.bundleId}.json`))).toEqual(event)
  })

  it('keys the manifest by event uuid with the feed fields', () => {
    const manifest = JSON.parse(feedFile('manifest.json')) as Record<string, unknown>

    expect(Object.keys(manifest)).toEqual([model.bundleId])
    expect(manifest[model.bundleId]).toEqual({
      Orgc: { name: model.producer.org, uuid: model.producer.orgUuid },
      Tag: [{ name: 'tlp:amber', colour: '#FFC000' }],
      info: event.Event.info,
      date: '2025-03-14',
      analysis: event.Event.analysis,
      threat_level_id: event.Event.threat_level_id,
      timestamp: event.Event.timestamp,
    })
  })

  it('lists md5(value),event_uuid for every attribute value, LF-terminated', () => {
    const values = [
      ...event.Event.Attribute,
      ...event.Event.Object.flatMap((o) => o.Attribute),
    ].map((a) => a.value)

    const csv = feedFile('hashes.csv')

    expect(csv).not.toContain('\r')
    expect(csv.endsWith('\n')).toBe(true)
    expect(csv.split('\n').slice(0, -1)).toEqual(values.map((v) => `${md5(v)},${model.bundleId}`))
  })

  it('is byte-identical for the same model', () => {
    expect(buildMispFeed(sampleExportModel())).toEqual(buildMispFeed(sampleExportModel()))
  })
})
