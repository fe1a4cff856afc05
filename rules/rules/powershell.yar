/*
 * Outpost default rule pack: PowerShell tradecraft in scripts, command lines and artefacts.
 */

rule SUSP_PowerShell_Encoded_Command_Line : powershell
{
  meta:
    id = "OUTPOST-2026-0011"
    author = "Outpost project"
    description = "Detects a PowerShell command line with an encoded command (-e, -ec, -enc, -EncodedCommand or any abbreviation) followed by a long Base64 block, as left by droppers, macros, shortcuts and persistence entries"
    reference = "https://attack.mitre.org/techniques/T1059/001/"
    date = "2026-11-25"
    score = 70
    mitre_attack = "T1059.001"

  strings:
    $enc = /(powershell|pwsh)(\.exe)?["']?\s[^\r\n]{0,120}\s[-\/]e(c|n|nc|nco|ncod|ncode|ncoded|ncodedc|ncodedco|ncodedcom|ncodedcomm|ncodedcomma|ncodedcomman|ncodedcommand)?\s+["']?[A-Za-z0-9+\/]{40,}/ nocase ascii wide

  condition:
    $enc
}

rule SUSP_PowerShell_Download_And_Invoke : powershell
{
  meta:
    id = "OUTPOST-2026-0012"
    author = "Outpost project"
    description = "Detects PowerShell that runs code it downloads or decodes in memory: Invoke-Expression (IEX) together with WebClient DownloadString or DownloadData, Invoke-WebRequest or Invoke-RestMethod, or [Convert]::FromBase64String"
    reference = "https://attack.mitre.org/techniques/T1059/001/"
    date = "2026-11-25"
    score = 70
    mitre_attack = "T1059.001"

  strings:
    $iex = /\b(iex|invoke-expression)\b/ nocase ascii wide
    $get1 = /\.DownloadString\s*\(/ nocase ascii wide
    $get2 = /\.DownloadData\s*\(/ nocase ascii wide
    $get3 = "FromBase64String(" nocase ascii wide
    $get4 = /\b(iwr|irm|invoke-webrequest|invoke-restmethod)\b/ nocase ascii wide

  condition:
    filesize < 5MB and $iex and 1 of ($get*)
}
