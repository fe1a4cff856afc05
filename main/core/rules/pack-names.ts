import { z } from 'zod'
import { AppError } from '../model/errors'
import type { PackInstall } from './pack-store'

/** A pack's name in the store (the manifest's `name` rule). */
export const PACK_NAME = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/)

/** @throws AppError `RULES_INVALID` when `name` cannot name a pack in the store. */
export function checkPackName(name: string): void {
  if (PACK_NAME.safeParse(name).success) return
  throw new AppError(
    'RULES_INVALID',
    `"${name}" cannot name a pack: use 1 to 64 lower-case letters, digits, ".", "_" and "-" (--name).`,
  )
}

/**
 * A name is either a signed pack's or a local folder's, never both: a plain folder must not
 * pass as (or replace) a publisher's pack, nor a signed pack silently take over a local one.
 */
export function refuseOtherKind(
  name: string,
  installs: readonly PackInstall[],
  local: boolean,
): void {
  const other = installs.find((i) => (i.signature === 'unsigned') !== local)
  if (other === undefined) return
  throw new AppError(
    'RULES_INVALID',
    local
      ? `A signed rule pack named ${name} is installed; import the folder under another name (--name).`
      : `An unsigned local pack named ${name} is installed; a signed pack cannot take its name.`,
  )
}
