import type { z } from 'zod'
import { AppError } from '../../model/errors'
import type { TlpLevel } from '../../model/tlp'
import { isTlpLevel, tlpMax } from '../../model/tlp'
import type { StixObject } from './stix-objects'
import { compareStixTime, toStixTime } from './stix-objects'
import { MARKING, parseOrThrow } from './read-stix-schemas'
import { levelOfMarking, TLP1_MARKING_LEVELS, TLP2_EXTENSION_ID } from './tlp-markings'

/**
 * The objects of a partner bundle by id, with typed look-ups that refuse a dangling reference.
 *
 * When an id appears more than once (versions of one object), the latest `modified` wins.
 */
export class StixIndex {
  private readonly byId = new Map<string, StixObject>()
  private readonly parsedCache = new WeakMap<StixObject, Map<z.ZodType, unknown>>()

  constructor(objects: readonly StixObject[]) {
    for (const o of objects) {
      const seen = this.byId.get(o.id)
      if (seen === undefined || isLater(o, seen)) this.byId.set(o.id, o)
    }
  }

  /** The current version of every object, in bundle order (of first appearance). */
  current(): StixObject[] {
    return [...this.byId.values()]
  }

  /** The current version of every object of `type`, in bundle order. */
  ofType(type: string): StixObject[] {
    return this.current().filter((o) => o.type === type)
  }

  /** The object `id` refers to, or undefined. */
  find(id: string): StixObject | undefined {
    return this.byId.get(id)
  }

  /**
   * The object `ref` (held by `holder`) points at, of any type.
   *
   * @throws AppError `BUNDLE_INVALID` when the ref does not resolve.
   */
  require(ref: string, holder: string): StixObject {
    const target = this.byId.get(ref)
    if (target === undefined) throw dangling(holder, ref)
    return target
  }

  /**
   * The object `ref` (held by `holder`) points at, parsed with `schema`.
   *
   * @throws AppError `BUNDLE_INVALID` when the ref does not resolve or names the wrong type.
   */
  resolve<T>(ref: string, holder: string, types: readonly string[], schema: z.ZodType<T>) {
    const target = this.byId.get(ref)
    if (target === undefined) throw dangling(holder, ref)
    if (!types.includes(target.type))
      throw new AppError(
        'BUNDLE_INVALID',
        `The STIX bundle is not valid: ${holder} refers to ${ref}, not a ${types.join(' or ')}.`,
      )
    return { object: target, data: this.parsed(schema, target) }
  }

  /**
   * `target` parsed with `schema`, once: an evidence SCO lists every hit in `contains_refs` and
   * is reached from every finding, so parsing it again each time would be quadratic.
   */
  private parsed<T>(schema: z.ZodType<T>, target: StixObject): T {
    let bySchema = this.parsedCache.get(target)
    if (bySchema === undefined) {
      bySchema = new Map()
      this.parsedCache.set(target, bySchema)
    }
    if (bySchema.has(schema)) return bySchema.get(schema) as T
    const data = parseOrThrow(schema, target, target.id)
    bySchema.set(schema, data)
    return data
  }

  /**
   * The TLP level a marking id stands for: official TLP 2.0 and 1.0 ids, or a marking object in
   * the bundle carrying the TLP 2.0 extension; null otherwise.
   */
  levelOf(markingId: string): TlpLevel | null {
    const official = levelOfMarking(markingId) ?? TLP1_MARKING_LEVELS[markingId]
    if (official !== undefined) return official
    const marking = this.byId.get(markingId)
    if (marking?.type !== 'marking-definition') return null
    const level = parseOrThrow(MARKING, marking, marking.id).extensions?.[TLP2_EXTENSION_ID]
      ?.tlp_2_0
    return isTlpLevel(level) ? level : null
  }

  /** The most restricted TLP level among `refs`, or null when none is a TLP marking. */
  levelOfRefs(refs: readonly string[] | undefined): TlpLevel | null {
    const levels = (refs ?? []).map((r) => this.levelOf(r)).filter((l) => l !== null)
    const [first, ...rest] = levels
    return first === undefined ? null : tlpMax(first, ...rest)
  }
}

function dangling(holder: string, ref: string): AppError {
  return new AppError(
    'BUNDLE_INVALID',
    `The STIX bundle is not valid: ${holder} refers to ${ref}, which it does not contain.`,
  )
}

function isLater(a: StixObject, b: StixObject): boolean {
  const [x, y] = [a.modified, b.modified]
  return typeof x === 'string' && typeof y === 'string' && compareStixTime(x, y) > 0
}

/** A partner timestamp in the model's form (`.sssZ`); it was checked to be a STIX timestamp. */
export function modelTime(value: string): string {
  return toStixTime(value) ?? value
}
