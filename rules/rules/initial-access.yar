/*
 * Outpost default rule pack: shortcuts and HTML applications used as first stages.
 */

rule SUSP_LNK_Launching_Hidden_Interpreter : lnk
{
  meta:
    id = "OUTPOST-2026-0018"
    author = "Outpost project"
    description = "Detects a Windows shortcut (.lnk) that starts a script interpreter or a signed proxy binary (PowerShell, cmd, mshta, wscript, cscript, rundll32, regsvr32) with hidden-window, encoded or download arguments, or with a minimised no-activate window, as in phishing attachments and USB droppers"
    reference = "https://attack.mitre.org/techniques/T1204/002/"
    date = "2026-11-25"
    score = 75
    mitre_attack = "T1547.009"

  strings:
    // ShellLinkHeader: HeaderSize 0x4C, then the ShellLink CLSID 00021401-0000-0000-C000-000000000046.
    $header = { 4C 00 00 00 01 14 02 00 00 00 00 00 C0 00 00 00 00 00 00 46 }
    $interpreter = /(powershell|pwsh|cmd\.exe|mshta|wscript|cscript|rundll32|regsvr32)/ ascii wide nocase
    $arg1 = " hidden" ascii wide nocase
    $arg2 = "-nop" ascii wide nocase
    $arg3 = "-enc" ascii wide nocase
    $arg4 = "http://" ascii wide nocase
    $arg5 = "https://" ascii wide nocase
    $arg6 = "javascript:" ascii wide nocase
    $arg7 = "vbscript:" ascii wide nocase

  condition:
    // ShowCommand 7 is SW_SHOWMINNOACTIVE: the window never shows up.
    $header at 0 and filesize < 1MB and $interpreter and (1 of ($arg*) or uint32(0x3C) == 7)
}

rule SUSP_HTA_Running_Commands : hta
{
  meta:
    id = "OUTPOST-2026-0019"
    author = "Outpost project"
    description = "Detects an HTML Application (an <HTA:APPLICATION> tag, or script in a file named .hta) whose script starts programs or writes files (WScript.Shell, Shell.Application, ShellExecute, ADODB.Stream, powershell), a first stage often sent by mail or fetched by mshta"
    reference = "https://attack.mitre.org/techniques/T1218/005/"
    date = "2026-11-25"
    score = 75
    mitre_attack = "T1218.005"

  strings:
    $hta = "<hta:application" ascii nocase
    $script = "<script" ascii nocase
    $run1 = "WScript.Shell" ascii nocase
    $run2 = "Shell.Application" ascii nocase
    $run3 = "ShellExecute" ascii nocase
    $run4 = "ADODB.Stream" ascii nocase
    $run5 = "powershell" ascii nocase

  condition:
    filesize < 5MB and ($hta or (extension == ".hta" and $script)) and 1 of ($run*)
}
