import { isUuid } from '../../crypto/uuid'
import {
  MISP_RELATIONSHIP_TYPES,
  tlpOfMispTag,
  type MispAttribute,
  type MispEvent,
  type MispObject,
} from './misp-templates'

/** One problem found in an event: where (a JSON-ish path) and what. */
export interface MispProblem {
  readonly path: string
  readonly message: string
}

/** What the checker compares against; the defaults are built in. */
export interface MispCheckRefs {
  /** Allowed `relationship_type` values (default {@link MISP_RELATIONSHIP_TYPES}). */
  readonly relationshipTypes?: readonly string[]
}

const DIGITS = /^\d+$/
const DAY = /^\d{4}-\d{2}-\d{2}$/
const EVENT_DISTRIBUTIONS = ['0', '1', '2', '3', '4']
const ITEM_DISTRIBUTIONS = [...EVENT_DISTRIBUTIONS, '5']

/**
 * The semantic checks of sharing-formats §3.2 that need no corpus: an empty list means it passes.
 *
 * (a) the RFC MUST/SHALL fields of the event, attributes, objects and references are present and
 * well formed; (d) every `relationship_type` is in the vocabulary and every reference resolves
 * inside the event; (e) exactly one `tlp:` tag, a known one. Uuids must be unique. The schema
 * (types, spelling) and the type/category and template checks (b)/(c) need the MISP corpus and
 * run in the corpus test.
 */
export function checkMispEvent(event: MispEvent, refs: MispCheckRefs = {}): MispProblem[] {
  const problems: MispProblem[] = []
  const add = (path: string, message: string): void => {
    problems.push({ path, message })
  }
  const e = event.Event
  checkEventFields(e, add)
  checkTlp(e.Tag, add)
  const uuids = new Set<string>([e.uuid])
  const unique = (path: string, uuid: string): void => {
    if (!isUuid(uuid)) add(`${path}.uuid`, `not a lower-case UUID: ${uuid}`)
    else if (uuids.has(uuid)) add(`${path}.uuid`, `duplicate uuid ${uuid}`)
    uuids.add(uuid)
  }
  e.Attribute.forEach((a, i) => {
    unique(`Event.Attribute[${i}]`, a.uuid)
    checkAttribute(`Event.Attribute[${i}]`, a, false, add)
  })
  e.Object.forEach((o, i) => {
    unique(`Event.Object[${i}]`, o.uuid)
    checkObject(`Event.Object[${i}]`, o, add)
    o.Attribute.forEach((a, j) => {
      unique(`Event.Object[${i}].Attribute[${j}]`, a.uuid)
    })
  })
  const vocabulary = new Set<string>(refs.relationshipTypes ?? MISP_RELATIONSHIP_TYPES)
  e.Object.forEach((o, i) => {
    o.ObjectReference.forEach((r, j) => {
      const path = `Event.Object[${i}].ObjectReference[${j}]`
      unique(path, r.uuid)
      if (r.object_uuid !== o.uuid) add(`${path}.object_uuid`, 'is not the owning object')
      if (!uuids.has(r.referenced_uuid))
        add(`${path}.referenced_uuid`, `resolves to nothing in the event: ${r.referenced_uuid}`)
      if (!vocabulary.has(r.relationship_type))
        add(`${path}.relationship_type`, `not in the vocabulary: ${r.relationship_type}`)
      if (!DIGITS.test(r.timestamp)) add(`${path}.timestamp`, 'not unix seconds')
    })
  })
  return problems
}

type Add = (path: string, message: string) => void

function checkEventFields(e: MispEvent['Event'], add: Add): void {
  if (!isUuid(e.uuid)) add('Event.uuid', 'missing or not a lower-case UUID')
  if (e.info.trim() === '') add('Event.info', 'is empty')
  if (e.info.length > 256) add('Event.info', 'is longer than 256 characters')
  if (/[\r\n]/.test(e.info)) add('Event.info', 'contains a line break')
  if (!DAY.test(e.date)) add('Event.date', 'not YYYY-MM-DD')
  if (!DIGITS.test(e.timestamp)) add('Event.timestamp', 'not unix seconds')
  if (!DIGITS.test(e.publish_timestamp)) add('Event.publish_timestamp', 'not unix seconds')
  if (!EVENT_DISTRIBUTIONS.includes(e.distribution))
    add('Event.distribution', `not 0-4: ${e.distribution}`)
  if (e.distribution === '4' && e.sharing_group_id === '0')
    add('Event.sharing_group_id', 'distribution 4 needs a sharing group')
  if (!['1', '2', '3', '4'].includes(e.threat_level_id))
    add('Event.threat_level_id', `not 1-4: ${e.threat_level_id}`)
  if (!['0', '1', '2'].includes(e.analysis)) add('Event.analysis', `not 0-2: ${e.analysis}`)
  if (!isUuid(e.Orgc.uuid)) add('Event.Orgc.uuid', 'missing or not a lower-case UUID')
  if (e.Orgc.name.trim() === '') add('Event.Orgc.name', 'is empty')
}

function checkTlp(tags: MispEvent['Event']['Tag'], add: Add): void {
  const tlp = tags.filter((t) => t.name.toLowerCase().startsWith('tlp:'))
  if (tlp.length !== 1) add('Event.Tag', `needs exactly one tlp: tag, has ${tlp.length}`)
  for (const tag of tlp)
    if (tlpOfMispTag(tag.name) === null) add('Event.Tag', `unknown TLP tag ${tag.name}`)
}

function checkAttribute(path: string, a: MispAttribute, inObject: boolean, add: Add): void {
  if (a.type === '') add(`${path}.type`, 'is empty')
  if (a.category === '') add(`${path}.category`, 'is empty')
  if (a.value === '') add(`${path}.value`, 'is empty')
  if (!DIGITS.test(a.timestamp)) add(`${path}.timestamp`, 'not unix seconds')
  if (!ITEM_DISTRIBUTIONS.includes(a.distribution))
    add(`${path}.distribution`, `not 0-5: ${a.distribution}`)
  if (inObject && (a.object_relation ?? '') === '')
    add(`${path}.object_relation`, 'an object attribute needs its relation')
}

function checkObject(path: string, o: MispObject, add: Add): void {
  if (o.name === '') add(`${path}.name`, 'is empty')
  if (!isUuid(o.template_uuid)) add(`${path}.template_uuid`, 'not a UUID')
  if (!DIGITS.test(o.template_version)) add(`${path}.template_version`, 'not a number string')
  if (!DIGITS.test(o.timestamp)) add(`${path}.timestamp`, 'not unix seconds')
  if (!ITEM_DISTRIBUTIONS.includes(o.distribution))
    add(`${path}.distribution`, `not 0-5: ${o.distribution}`)
  if (o.Attribute.length === 0) add(`${path}.Attribute`, 'an object needs attributes')
  o.Attribute.forEach((a, j) => {
    checkAttribute(`${path}.Attribute[${j}]`, a, true, add)
  })
}
