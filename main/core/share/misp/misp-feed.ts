import { createHash } from 'node:crypto'
import type { ExportModel } from '../export-model'
import { buildMispEvent } from './build-misp-event'
import type { MispAttribute, MispEvent } from './misp-templates'

/** One file of the feed folder: a path relative to `misp/` and its UTF-8 text. */
export interface MispFeedFile {
  readonly path: string
  readonly content: string
}

/** The MISP feed folder of an export. */
export interface MispFeed {
  readonly files: readonly MispFeedFile[]
}

/**
 * The export laid out as a MISP feed folder: `<event uuid>.json`, `manifest.json`, `hashes.csv`.
 *
 * The layout of PyMISP's feed generator (`examples/feed-generator/generate.py`, `tools/feed.py`):
 * the manifest is keyed by event uuid and holds `Orgc`, `Tag`, `info`, `date`, `analysis`,
 * `threat_level_id` and `timestamp`; `hashes.csv` has one `md5(value),event_uuid` line per
 * attribute value (composite `a|b` values give one line per part, as `hash_values` does).
 * JSON is 2-space indented with a final newline; line ends are LF. Files come sorted by path.
 */
export function buildMispFeed(model: ExportModel): MispFeed {
  return mispFeedOf(buildMispEvent(model))
}

/** The feed folder of an event already built (and checked). */
export function mispFeedOf(event: MispEvent): MispFeed {
  const files: MispFeedFile[] = [
    { path: `${event.Event.uuid}.json`, content: toJson(event) },
    { path: 'hashes.csv', content: mispHashesCsv(event) },
    { path: 'manifest.json', content: toJson(mispManifest(event)) },
  ]
  return { files: files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) }
}

/** One `manifest.json` entry: what a MISP instance lists before it fetches the event. */
export interface MispManifestEntry {
  readonly Orgc: MispEvent['Event']['Orgc']
  readonly Tag: readonly { readonly name: string; readonly colour: string }[]
  readonly info: string
  readonly date: string
  readonly analysis: string
  readonly threat_level_id: string
  readonly timestamp: string
}

/**
 * The feed manifest of one event: `{ [event uuid]: entry }`.
 *
 * Tags carry `name` and `colour` only, as PyMISP's `MISPTag._to_feed` writes them.
 */
export function mispManifest(event: MispEvent): Record<string, MispManifestEntry> {
  const e = event.Event
  return {
    [e.uuid]: {
      Orgc: { name: e.Orgc.name, uuid: e.Orgc.uuid },
      Tag: e.Tag.map((t) => ({ name: t.name, colour: t.colour })),
      info: e.info,
      date: e.date,
      analysis: e.analysis,
      threat_level_id: e.threat_level_id,
      timestamp: e.timestamp,
    },
  }
}

/**
 * `hashes.csv` of one event: `md5(value),event_uuid` per attribute value, LF-terminated.
 *
 * Event-level attributes first, then each object's, in event order.
 */
export function mispHashesCsv(event: MispEvent): string {
  const attributes: MispAttribute[] = [
    ...event.Event.Attribute,
    ...event.Event.Object.flatMap((o) => o.Attribute),
  ]
  const lines = attributes.flatMap((a) =>
    valueParts(a).map((part) => `${md5Hex(part)},${event.Event.uuid}\n`),
  )
  return lines.join('')
}

function valueParts(attribute: MispAttribute): string[] {
  return attribute.type.includes('|') || attribute.type === 'malware-sample'
    ? attribute.value.split('|')
    : [attribute.value]
}

function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex')
}

function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`
}
