import type { Evidence, IntegrityState } from '../../../main/core/model/evidence'
import { formatUtc } from '../../lib/format'
import { Badge } from '../../components/Badge'
import { DetailList } from '../../components/DetailList'
import { HashValue } from '../../components/HashValue'
import { SafeText } from '../../components/SafeText'
import { integrityLabel, integrityTone } from './integrity'

/** Props of {@link IntegrityDetails}. */
export interface IntegrityDetailsProps {
  readonly item: Evidence
  readonly state: IntegrityState
}

function Stored({
  stored,
  computed,
}: {
  readonly stored: string | null
  readonly computed: string | null
}) {
  if (stored === null) return <span className="muted">— (not stored in the image)</span>
  return (
    <>
      <HashValue value={stored} />{' '}
      {computed !== null &&
        (computed.toLowerCase() === stored.toLowerCase() ? (
          <Badge tone="ok">matches</Badge>
        ) : (
          <Badge tone="danger">DIFFERS</Badge>
        ))}
    </>
  )
}

/**
 * The integrity record of an image: the state, the hashes computed over the whole media, the
 * acquisition hashes stored in it (each compared), when it was hashed, and the host files it is
 * made of (segments, parent disks).
 */
export function IntegrityDetails({ item, state }: IntegrityDetailsProps) {
  return (
    <section className="card integrity-details" aria-label="Integrity">
      <h3>Integrity</h3>
      <DetailList
        items={[
          [
            'State',
            <Badge key="v" tone={integrityTone(state)}>
              {integrityLabel(state)}
            </Badge>,
          ],
          ['Detail', <SafeText key="v" value={item.integrityDetail} max={2000} />],
          ['MD5 (computed)', <HashValue key="v" value={item.md5} />],
          ['SHA-1 (computed)', <HashValue key="v" value={item.sha1} />],
          ['SHA-256 (computed)', <HashValue key="v" value={item.sha256} />],
          ['MD5 (stored)', <Stored key="v" stored={item.storedMd5} computed={item.md5} />],
          ['SHA-1 (stored)', <Stored key="v" stored={item.storedSha1} computed={item.sha1} />],
          ['Hashed (UTC)', formatUtc(item.hashedAt)],
          [
            'Container files',
            item.containerFiles.length === 0 ? (
              '—'
            ) : (
              <ol key="v" className="container-files mono">
                {item.containerFiles.map((file, i) => (
                  <li key={i}>
                    <SafeText value={file} max={1000} />
                  </li>
                ))}
              </ol>
            ),
          ],
        ]}
      />
    </section>
  )
}
