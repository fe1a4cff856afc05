import type { Migration } from './migration'
import { initialSchema } from './0001-initial-schema'
import { diskImages } from './0002-disk-images'
import { fileSystemMetadata } from './0003-file-system-metadata'
import { scaleSchema } from './0004-scale'
import { sharingSchema } from './0005-sharing'
import { ruleLifecycleSchema } from './0006-rule-lifecycle'
import { workbenchSchema } from './0007-workbench'

/** Every migration, in order. The last one's version is the schema version this app writes. */
export const MIGRATIONS: readonly Migration[] = [
  initialSchema,
  diskImages,
  fileSystemMetadata,
  scaleSchema,
  sharingSchema,
  ruleLifecycleSchema,
  workbenchSchema,
]

/** The schema version this build of Outpost writes and understands. */
export const SCHEMA_VERSION = MIGRATIONS.length
