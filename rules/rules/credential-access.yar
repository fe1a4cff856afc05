/*
 * Outpost default rule pack: credential theft.
 */

rule HKTL_Mimikatz_Command_Strings : hacktool credential_access
{
  meta:
    id = "OUTPOST-2026-0013"
    author = "Outpost project"
    description = "Detects Mimikatz and its ports and derivatives (binaries, Invoke-Mimikatz scripts, memory dumps, console logs) by its module::command names, alone or with the author's markers"
    reference = "https://attack.mitre.org/software/S0002/"
    date = "2026-11-25"
    score = 90
    mitre_attack = "T1003.001"

  strings:
    $cmd1 = "sekurlsa::logonpasswords" ascii wide nocase
    $cmd2 = "sekurlsa::pth" ascii wide nocase
    $cmd3 = "lsadump::sam" ascii wide nocase
    $cmd4 = "lsadump::dcsync" ascii wide nocase
    $cmd5 = "lsadump::secrets" ascii wide nocase
    $cmd6 = "kerberos::golden" ascii wide nocase
    $cmd7 = "privilege::debug" ascii wide nocase
    $cmd8 = "token::elevate" ascii wide nocase
    $author1 = "gentilkiwi" ascii wide nocase
    $author2 = "mimikatz" ascii wide nocase
    $author3 = "Benjamin DELPY" ascii wide nocase

  condition:
    2 of ($cmd*) or (1 of ($cmd*) and 1 of ($author*))
}

rule SUSP_LSASS_Dump_Via_Comsvcs_MiniDump : credential_access lolbin
{
  meta:
    id = "OUTPOST-2026-0014"
    author = "Outpost project"
    description = "Detects command lines that dump process memory through the MiniDump export of comsvcs.dll run by rundll32 (rundll32 comsvcs.dll, MiniDump <pid> <file> full), the living-off-the-land way to copy LSASS memory for credential theft"
    reference = "https://attack.mitre.org/techniques/T1003/001/"
    date = "2026-11-25"
    score = 85
    mitre_attack = "T1003.001"

  strings:
    $minidump = /rundll32(\.exe)?["']?\s+[^\r\n]{0,60}comsvcs(\.dll)?["']?\s*[, ]\s*(MiniDumpW?|#\+?0*24)\b/ nocase ascii wide

  condition:
    $minidump
}
