import { canonicalJson } from '../crypto/canonical-json'
import { OUTPOST_UUID_NAMESPACE, uuidV5 } from '../crypto/uuid'

/**
 * The ids an export derives from case facts (UUIDv5 in Outpost's namespace).
 *
 * Derived, never random: the same case state exported twice carries the same ids, and an
 * updated export of the same finding keeps its id, so a partner's MISP or STIX store sees an
 * update rather than a duplicate.
 */
export const exportIds = {
  /** The bundle: its case, the audit head it ends at, and the export's choices. */
  bundle(caseUuid: string, auditHash: string, choices: unknown): string {
    return uuidV5(
      `bundle:${caseUuid}:${auditHash}:${canonicalJson(choices)}`,
      OUTPOST_UUID_NAMESPACE,
    )
  },
  /** The sending organisation: its key id when it signs, else its name. */
  organisation(keyIdOrName: string): string {
    return uuidV5(`org:${keyIdOrName}`, OUTPOST_UUID_NAMESPACE)
  },
  /** A rule in one exact pack version. */
  indicator(packSha256: string, namespace: string, name: string): string {
    return uuidV5(`rule:${packSha256}:${namespace}:${name}`, OUTPOST_UUID_NAMESPACE)
  },
  /** A finding of one case. */
  finding(caseUuid: string, findingId: number): string {
    return uuidV5(`finding:${caseUuid}:${findingId}`, OUTPOST_UUID_NAMESPACE)
  },
}
