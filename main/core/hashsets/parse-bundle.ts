import { existsSync, readFileSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { ZipArchive } from '../archive/zip-reader'
import { openZip } from '../archive/zip-reader'
import { AppError } from '../model/errors'
import type { HashSetEntry, HashSetSource, ParseReport } from './hash-set-types'
import { BATCH_SIZE, newReport, noteBadLine } from './hash-set-types'
import { algoOfName, digestBytes } from './hex-digest'

/** How a bundle was handed over. */
export type BundleContainer = 'json' | 'folder' | 'zip'

const STIX_PATH = 'stix/bundle.json'
/** A bundle.json is a few MB; the cap keeps a hostile one from exhausting memory. */
const MAX_BUNDLE_JSON_BYTES = 256 * 1024 * 1024

/** Recorded with every set imported from a bundle, until bundle import verifies signatures. */
export const BUNDLE_SIGNATURE_NOTE =
  'Bundle signature NOT verified by hash-set import (verification comes with bundle import).'

interface StixFile {
  readonly id?: unknown
  readonly name?: unknown
  readonly hashes?: unknown
  readonly contains_refs?: unknown
}

/**
 * Open the STIX 2.1 `stix/bundle.json` of an Outpost report bundle: the file itself, an
 * extracted bundle folder, or the bundle `.zip` (read with the safe {@link openZip}).
 *
 * Every `file` SCO's `MD5`, `SHA-1` and `SHA-256` becomes an entry labelled with its `name`.
 * File objects that list `contains_refs` are the evidence containers (disk images), not files
 * that matched, and are skipped. The bundle's signature is not checked here.
 *
 * @throws AppError `INVALID_INPUT` when no bundle.json is found or it is not a STIX bundle.
 */
export function openBundle(path: string, container: BundleContainer): HashSetSource {
  const { text, identityPath } = readBundleJson(path, container)
  const objects = parseStixBundle(text, path)
  const report = newReport()
  return {
    format: 'bundle',
    identityPath,
    note: BUNDLE_SIGNATURE_NOTE,
    report,
    batches: () => bundleBatches(objects, report),
    close: () => undefined,
  }
}

function readBundleJson(
  path: string,
  container: BundleContainer,
): { text: string; identityPath: string } {
  switch (container) {
    case 'json':
      return { text: readCapped(path), identityPath: path }
    case 'folder': {
      const file = [join(path, STIX_PATH), join(path, 'bundle.json')].find((p) => existsSync(p))
      if (file === undefined) {
        throw new AppError(
          'INVALID_INPUT',
          `${path} holds no ${STIX_PATH}: it is not a report bundle folder.`,
        )
      }
      return { text: readCapped(file), identityPath: file }
    }
    case 'zip': {
      const zip = openZip(path)
      try {
        return { text: readFromZip(zip, path), identityPath: path }
      } finally {
        zip.close()
      }
    }
  }
}

function readCapped(path: string): string {
  if (statSync(path).size > MAX_BUNDLE_JSON_BYTES) {
    throw new AppError('INVALID_INPUT', `${path} is larger than a STIX bundle can be here.`)
  }
  return readFileSync(path, 'utf8')
}

/** `stix/bundle.json` at the top, or under one top-level folder (a zipped bundle folder). */
function readFromZip(zip: ZipArchive, path: string): string {
  const entry =
    zip.find(STIX_PATH) ??
    zip.entries.find((e) => e.name.split('/').length === 3 && e.name.endsWith(`/${STIX_PATH}`))
  if (entry === undefined) {
    throw new AppError(
      'INVALID_INPUT',
      `${basename(path)} holds no ${STIX_PATH}: it is not a report bundle.`,
    )
  }
  return zip.read(entry).toString('utf8')
}

function parseStixBundle(text: string, path: string): readonly unknown[] {
  let bundle: unknown
  try {
    bundle = JSON.parse(text)
  } catch (error: unknown) {
    throw new AppError('INVALID_INPUT', `${path}: the STIX bundle is not valid JSON.`, {
      cause: error,
    })
  }
  const objects = (bundle as { objects?: unknown } | null)?.objects
  if ((bundle as { type?: unknown } | null)?.type !== 'bundle' || !Array.isArray(objects)) {
    throw new AppError('INVALID_INPUT', `${path} is JSON but not a STIX 2.1 bundle.`)
  }
  return objects
}

function* bundleBatches(
  objects: readonly unknown[],
  report: ParseReport,
): Generator<readonly HashSetEntry[]> {
  const entries: HashSetEntry[] = []
  objects.forEach((object, index) => {
    const file = object as StixFile & { type?: unknown }
    if (file.type !== 'file' || typeof file.hashes !== 'object' || file.hashes === null) return
    if (Array.isArray(file.contains_refs) && file.contains_refs.length > 0) return
    report.records += 1
    const found = fileEntries(file)
    if (found.length === 0) {
      noteBadLine(report, index + 1, 'no MD5, SHA-1 or SHA-256 in its hashes', String(file.id))
    }
    entries.push(...found)
  })
  // The bundle is already in memory (capped at open); batches keep transactions ~10k rows.
  for (let i = 0; i < entries.length; i += BATCH_SIZE) yield entries.slice(i, i + BATCH_SIZE)
}

function fileEntries(file: StixFile): HashSetEntry[] {
  const label = typeof file.name === 'string' && file.name !== '' ? file.name : null
  const entries: HashSetEntry[] = []
  for (const [key, value] of Object.entries(file.hashes as Record<string, unknown>)) {
    const algo = algoOfName(key)
    if (algo === null) continue
    const digest = digestBytes(typeof value === 'string' ? value : null, algo)
    if (digest !== null) entries.push({ algo, digest, label })
  }
  return entries
}
