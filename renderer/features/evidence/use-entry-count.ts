import { useInvoke } from '../../lib/use-invoke'

/**
 * How many entries `evidence:files` lists directly inside `parent` (0 while unknown or on an
 * error): used to show a volume's unallocated blocks only once some are recorded.
 */
export function useEntryCount(
  evidenceId: number,
  fileSystemId: number | null,
  parent: string,
  refresh: unknown,
): number {
  const input = { evidenceId, fileSystemId, parent, offset: 0, limit: 1 }
  const { result } = useInvoke('evidence:files', input, refresh)
  return result?.ok === true ? result.value.total : 0
}
