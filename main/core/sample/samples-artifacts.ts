import { buildLnk, buildOle, buildPe, vbaIdentifierTable } from './sample-formats'
import { ascii, fillerBytes, j, lf, negative, positive, wide } from './sample-kit'
import type { PlantedSample } from './sample-kit'

const DUMPS = 'Windows/Temp/dump'

/**
 * The first three beacon settings in type-length-value form (id, type, length, value; big
 * endian): beacon type 0 (HTTP), port 443, sleep time 60000 ms — plain, not yet encoded.
 */
function beaconSettings(): Buffer {
  return Buffer.from([
    ...[0, 1, 0, 1, 0, 2, 0x00, 0x00],
    ...[0, 2, 0, 1, 0, 2, 0x01, 0xbb],
    ...[0, 3, 0, 2, 0, 4, 0x00, 0x00, 0xea, 0x60],
  ])
}

function xor(data: Buffer, key: number): Buffer {
  return Buffer.from(data.map((byte) => byte ^ key))
}

/** Samples for the two Cobalt Strike rules. */
export function cobaltStrikeSamples(): PlantedSample[] {
  const config = 'HKTL_CobaltStrike_Beacon_Config_Block'
  const artifacts = 'HKTL_CobaltStrike_Beacon_Artifacts'
  const encoded = xor(beaconSettings(), 0x2e)
  const memory = Buffer.concat([fillerBytes(0x200, 51), encoded, fillerBytes(0x400, 52)])
  const plain = Buffer.concat([fillerBytes(0x200, 53), beaconSettings(), fillerBytes(0x400, 54)])
  const pipe = j('\\\\.\\pi', 'pe\\MS', 'SE-%d-server')
  const kit = buildPe([
    { name: '.text', data: fillerBytes(0x600, 55) },
    { name: '.rdata', data: ascii(`%s\0${pipe}\0`) },
  ])
  const notes = lf(
    'Named pipes seen on WS-0042 during triage:',
    '  \\\\.\\pipe\\mojo.5512.8840.1129',
    '  \\\\.\\pipe\\spoolss',
    'Timestamps in the export use %02d/%02d/%02d %02d:%02d:%02d.',
  )
  return [
    positive(config, '$config_v4', `${DUMPS}/svchost-4412.dmp`, memory, encoded),
    negative(config, `${DUMPS}/plain-settings.bin`, plain),
    positive(artifacts, '$pipe1', 'Users/alice/AppData/Local/Temp/artifact.exe', kit, ascii(pipe)),
    negative(artifacts, 'Users/alice/Documents/notes/pipes.txt', notes),
  ]
}

/** An OLE file holding a VBA project whose identifier table lists `names`. */
function macroDocument(names: readonly string[]): Buffer {
  const streams = [
    'Macros',
    'VBA',
    '_VBA_PROJECT',
    'dir',
    'ThisDocument',
    'PROJECT',
    'WordDocument',
  ]
  return buildOle(streams, Buffer.concat([fillerBytes(0x100, 61), vbaIdentifierTable(names)]))
}

/** Samples for the Office auto-exec macro rule. */
export function officeMacroSamples(): PlantedSample[] {
  const rule = 'SUSP_Office_AutoExec_Macro_Starting_Process'
  const dropper = macroDocument([
    'ThisDocument',
    j('Auto', 'Open'),
    'CreateObject',
    j('WScr', 'ipt.Shell'),
    'Run',
    'cmdLine',
  ])
  const budget = macroDocument([
    'ThisWorkbook',
    j('Workbook', '_Open'),
    'Range',
    'Format',
    'Sheet1',
  ])
  const training = buildOle(
    ['WordDocument', '1Table', '\u0005SummaryInformation'],
    ascii(
      j(
        'Macro security training. A macro named Document',
        '_Open runs when a file opens; attackers use it to call Shell. ',
        'Never enable content in documents from unknown senders.',
      ),
    ),
  )
  return [
    positive(rule, '$vba', 'Users/alice/Downloads/Order_7781.doc', dropper, wide('_VBA_PROJECT')),
    negative(rule, 'Users/alice/Documents/Budget_2026.xls', budget),
    negative(rule, 'Users/alice/Documents/Macro_Security_Training.doc', training),
  ]
}

/** Samples for the LNK rule. */
export function lnkSamples(): PlantedSample[] {
  const rule = 'SUSP_LNK_Launching_Hidden_Interpreter'
  const interpreter = j('power', 'shell.exe')
  const dropper = buildLnk({
    relativePath: `..\\..\\..\\Windows\\System32\\WindowsPowerShell\\v1.0\\${interpreter}`,
    workingDir: '%TEMP%',
    arguments: j('-no', 'p -w hid', 'den -c "Write-Output planted-sample"'),
    iconLocation: '%SystemRoot%\\System32\\imageres.dll',
    showCommand: 7,
  })
  const prompt = buildLnk({
    relativePath: '..\\..\\..\\..\\..\\Windows\\System32\\cmd.exe',
    workingDir: '%HOMEDRIVE%%HOMEPATH%',
    arguments: '',
    iconLocation: '%windir%\\system32\\cmd.exe',
    showCommand: 1,
  })
  return [
    positive(
      rule,
      '$interpreter',
      'Users/alice/Downloads/Documents.lnk',
      dropper,
      wide(interpreter),
    ),
    negative(
      rule,
      'ProgramData/Microsoft/Windows/Start Menu/Programs/System Tools/Command Prompt.lnk',
      prompt,
    ),
  ]
}
