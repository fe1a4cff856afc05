import type { Migration } from './migration'
import { initialSchema } from './0001-initial-schema'

/** Every migration, in order. The last one's version is the schema version this app writes. */
export const MIGRATIONS: readonly Migration[] = [initialSchema]

/** The schema version this build of Outpost writes and understands. */
export const SCHEMA_VERSION = MIGRATIONS.length
