/*
 * Outpost default rule pack: preparation for destruction and ransomware.
 */

rule SUSP_Recovery_Inhibition_Commands : ransomware impact
{
  meta:
    id = "OUTPOST-2026-0024"
    author = "Outpost project"
    description = "Detects commands that destroy Windows recovery options, as ransomware runs before encrypting: deleting shadow copies (vssadmin, wmic shadowcopy, Win32_ShadowCopy Delete), disabling boot recovery with bcdedit {default} settings, or deleting the backup catalog with wbadmin"
    reference = "https://attack.mitre.org/techniques/T1490/"
    date = "2026-11-25"
    score = 80
    mitre_attack = "T1490"

  strings:
    $vssadmin = /vssadmin(\.exe)?\s+delete\s+shadows/ nocase ascii wide
    $wmic = /wmic(\.exe)?\s+shadowcopy\s+delete/ nocase ascii wide
    $wmi = /Win32_ShadowCopy[^\r\n]{0,120}\.Delete\s*\(/ nocase ascii wide
    $bcdedit1 = /bcdedit(\.exe)?\s+\/set\s+\{default\}\s+recoveryenabled\s+no/ nocase ascii wide
    $bcdedit2 = /bcdedit(\.exe)?\s+\/set\s+\{default\}\s+bootstatuspolicy\s+ignoreallfailures/ nocase ascii wide
    $wbadmin = /wbadmin(\.exe)?\s+delete\s+catalog/ nocase ascii wide

  condition:
    any of them
}
