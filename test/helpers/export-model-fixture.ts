import type { ExportModel, ExportFinding } from '../../main/core/share/export-model'

const LOADER_RULE = `import "math"

rule EXAMPLE_Loader_Config_String : loader
{
    meta:
        author = "Example CERT Forensic Cell"
        description = "Example loader configuration marker"
        id = "1f710acf-800d-498d-ac71-e0b80303cead"
        score = 80
    strings:
        $cfg = "example-loader-config" ascii
    condition:
        $cfg and math.entropy(0, filesize) >= 0
}`

const HOSTILE_RULE = `private rule Helper_Private
{
    strings:
        $a = "<script>"
    condition:
        $a
}

rule Hostile_Meta_Rule
{
    meta:
        description = "<img src=x onerror=alert(1)> & \\"quotes\\""
        author = "</title><script>alert(2)</script>"
        score = 55
    condition:
        Helper_Private
}`

const BASE_FILE = {
  location: null,
  deleted: false,
  unallocated: false,
  modified: '2025-03-10T08:00:00.123456789Z',
  accessed: null,
  changed: '2025-03-10T08:00:00.123456789Z',
  born: null,
} as const

function finding(
  partial: Partial<ExportFinding> & Pick<ExportFinding, 'uuid' | 'findingId' | 'file'>,
): ExportFinding {
  return {
    ruleKey: 'outpost_default:EXAMPLE_Loader_Config_String',
    evidenceUuid: '5b0d2c4e-8a7f-4f3c-9e21-0a1b2c3d4e5f',
    tlp: 'amber',
    score: 80,
    triageStatus: 'new',
    seenAt: '2025-03-14T09:41:07.512Z',
    matchCount: 1,
    matches: [
      {
        identifier: '$cfg',
        offset: 12,
        length: 21,
        excerptHex: Buffer.from('example-loader-config').toString('hex'),
        excerptSha256: 'a1f0c0b5d6b3b2a8a0f3e0b9a0c5d0e2f1a2b3c4d5e6f708192a3b4c5d6e7f80',
        truncated: false,
      },
    ],
    ...partial,
  }
}

/**
 * A small, realistic export model for the writers' tests: two evidence items (an E01 image and a
 * folder), two rules (one importing a module, one needing a private rule, with hostile meta), four
 * findings (one with an HTML payload as its file name, one in unallocated space) and a note.
 */
export function sampleExportModel(overrides: Partial<ExportModel> = {}): ExportModel {
  return {
    bundleId: '9cbbf322-a386-59e8-89f0-df985ca3539f',
    created: '2025-03-14T10:02:00.000Z',
    tlp: 'amber',
    producer: {
      org: 'Example National CERT - Forensic Cell',
      orgUuid: '8b5e4410-e00e-5501-8569-80760d70b404',
      tool: 'Outpost',
      toolVersion: '0.1.0',
      keyId: 'AA9A0821A99FBBFE',
      examiner: 'Analyst A',
    },
    case: {
      uuid: '0f4e2a8c-1b3d-4e5f-8a9b-0c1d2e3f4a5b',
      name: 'Case 2025-0042',
      caseNumber: '2025-0042',
      description: 'Triage of a seized laptop',
    },
    redaction: { profile: 'none', rules: [], replaced: {} },
    evidence: [
      {
        uuid: '5b0d2c4e-8a7f-4f3c-9e21-0a1b2c3d4e5f',
        label: 'EV-2025-0042-01',
        kind: 'file',
        format: 'ewf',
        fileName: 'EV-2025-0042-01.E01',
        sizeBytes: 64424509440,
        md5: 'd41d8cd98f00b204e9800998ecf8427e',
        sha1: 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
        sha256: '994a4b2bcefcb30244f70f8576528b41b1e04310dbee90dbadb7af52d6df3542',
      },
      {
        uuid: '7c1e3d5f-9b8a-4c6d-8e0f-1a2b3c4d5e6f',
        label: 'USB stick copy',
        kind: 'folder',
        format: null,
        fileName: null,
        sizeBytes: 2048,
        md5: null,
        sha1: null,
        sha256: null,
      },
    ],
    rules: [
      {
        key: 'outpost_default:EXAMPLE_Loader_Config_String',
        indicatorUuid: '5dbcf965-264b-5244-85f8-e0ec97dea06b',
        name: 'EXAMPLE_Loader_Config_String',
        namespace: 'outpost_default',
        ruleId: '1f710acf-800d-498d-ac71-e0b80303cead',
        packName: 'outpost-default',
        packVersion: '1.0.0',
        packSha256: 'b'.repeat(64),
        description: 'Example loader configuration marker',
        author: 'Example CERT Forensic Cell',
        score: 80,
        tags: ['loader'],
        meta: { author: 'Example CERT Forensic Cell', score: 80 },
        source: LOADER_RULE,
        recordedAt: '2025-03-14T09:26:53.000Z',
      },
      {
        key: 'outpost_default:Hostile_Meta_Rule',
        indicatorUuid: '6e0a1b2c-3d4e-5f60-8172-839405a6b7c8',
        name: 'Hostile_Meta_Rule',
        namespace: 'outpost_default',
        ruleId: null,
        packName: 'outpost-default',
        packVersion: '1.0.0',
        packSha256: 'b'.repeat(64),
        description: '<img src=x onerror=alert(1)> & "quotes"',
        author: '</title><script>alert(2)</script>',
        score: 55,
        tags: [],
        meta: { description: '<img src=x onerror=alert(1)> & "quotes"', score: 55 },
        source: HOSTILE_RULE,
        recordedAt: '2025-03-14T09:26:53.000Z',
      },
    ],
    findings: [
      finding({
        uuid: 'c68b21fc-287c-5f93-ac27-388e4269df20',
        findingId: 1,
        file: {
          ...BASE_FILE,
          path: 'Users/alice/AppData/Roaming/Example/svc.dll',
          location: 'volume 2 (NTFS) › ntfs "OS"',
          name: 'svc.dll',
          directory: 'Users/alice/AppData/Roaming/Example',
          sizeBytes: 44,
          md5: 'bf14b79cf60cddebbc4f38490cf7964d',
          sha1: '706fbca7c36d5be2ef3a464573dfaa3e6414abae',
          sha256: '6772e86d45045ea7be6bb520882d368c62f3000503bf444c4e0d6eba30ad44bc',
          mime: 'application/vnd.microsoft.portable-executable',
        },
        triageStatus: 'confirmed',
      }),
      finding({
        uuid: 'd79c32ad-398d-5a04-bd38-499f537aef31',
        findingId: 2,
        ruleKey: 'outpost_default:Hostile_Meta_Rule',
        evidenceUuid: '7c1e3d5f-9b8a-4c6d-8e0f-1a2b3c4d5e6f',
        score: 55,
        file: {
          ...BASE_FILE,
          path: 'docs/<img src=x onerror=alert(1)>.html',
          name: '<img src=x onerror=alert(1)>.html',
          directory: 'docs',
          sizeBytes: 120,
          md5: '0cc175b9c0f1b6a831c399e269772661',
          sha1: '86f7e437faa5a7fce15d1ddcb9eaeaea377667b8',
          sha256: 'ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb',
          mime: 'text/html',
        },
        matches: [
          {
            identifier: '$a',
            offset: 0,
            length: 8,
            excerptHex: Buffer.from('<script>').toString('hex'),
            excerptSha256: 'f'.repeat(64),
            truncated: false,
          },
        ],
      }),
      finding({
        uuid: 'e8ad43be-4a9e-5b15-8e49-5aa0648bf042',
        findingId: 3,
        file: {
          ...BASE_FILE,
          path: 'Users/alice/Downloads/=cmd|calc!A1.txt',
          location: 'volume 2 (NTFS) › ntfs "OS"',
          name: '=cmd|calc!A1.txt',
          directory: 'Users/alice/Downloads',
          sizeBytes: 4096,
          md5: '9e107d9d372bb6826bd81d3542a419d6',
          sha1: '2fd4e1c67a2d28fced849ee1bb76e7391b93eb12',
          sha256: 'd7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592',
          mime: 'text/plain',
          deleted: true,
        },
        triageStatus: 'needs-review',
      }),
      finding({
        uuid: 'f9be54cf-5baf-5c26-9f5a-6bb1759c0153',
        findingId: 4,
        file: {
          ...BASE_FILE,
          path: '$Unallocated/0x00100000-0x01100000',
          location: 'volume 2 (NTFS) › ntfs "OS"',
          name: '0x00100000-0x01100000',
          directory: '$Unallocated',
          sizeBytes: 16777216,
          md5: null,
          sha1: null,
          sha256: null,
          mime: null,
          unallocated: true,
          modified: null,
          changed: null,
        },
        matchCount: 3,
      }),
    ],
    notes: [
      {
        uuid: '052e8cfe-e912-5125-a2a3-04c645ee4da6',
        findingUuid: 'c68b21fc-287c-5f93-ac27-388e4269df20',
        author: 'Analyst A',
        created: '2025-03-14T10:00:00.000Z',
        modified: '2025-03-14T10:00:00.000Z',
        text: 'Rule matched svc.dll; loader config present. <b>not bold</b>',
        tlp: 'amber',
      },
    ],
    scans: [
      {
        uuid: '3a4b5c6d-7e8f-4a0b-9c1d-2e3f4a5b6c7d',
        startedAt: '2025-03-14T09:40:00.000Z',
        finishedAt: '2025-03-14T09:45:00.000Z',
        status: 'completed',
        appVersion: '0.1.0',
        engine: 'yara-x',
        binding: '@litko/yara-x-linux-x64-gnu@0.7.2',
        packs: [{ name: 'outpost-default', version: '1.0.0', sha256: 'b'.repeat(64) }],
        filesScanned: 1234,
        bytesScanned: 987654321,
      },
    ],
    coverage: [
      { evidenceUuid: '5b0d2c4e-8a7f-4f3c-9e21-0a1b2c3d4e5f', reason: 'encrypted', count: 2 },
      { evidenceUuid: '5b0d2c4e-8a7f-4f3c-9e21-0a1b2c3d4e5f', reason: 'block-mode', count: 1 },
    ],
    withheld: { findingsAboveTlp: 1, notesAboveTlp: 0, findingsFiltered: 0 },
    audit: {
      entries: [
        {
          seq: 1,
          at: '2025-03-14T09:00:00.000Z',
          actor: 'Analyst A',
          action: 'case.created',
          subject: null,
          details: '{"name":"Case 2025-0042"}',
          prevHash: '0'.repeat(64),
          hash: '1'.repeat(64),
        },
      ],
      head: { seq: 1, hash: '1'.repeat(64) },
      redacted: false,
    },
    ...overrides,
  }
}
