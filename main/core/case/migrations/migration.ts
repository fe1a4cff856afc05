/**
 * One schema step: applied once, in order, inside the migration transaction.
 *
 * Files are named `NNNN-what-changes.ts`; `version` equals NNNN and the list in `index.ts` is in
 * version order (a test checks both).
 */
export interface Migration {
  readonly version: number
  readonly name: string
  readonly sql: string
}
