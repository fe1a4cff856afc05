/*
 * Outpost default rule pack: signed Windows binaries used to run or fetch payloads.
 */

rule SUSP_Mshta_Inline_Or_Remote_Script : lolbin
{
  meta:
    id = "OUTPOST-2026-0020"
    author = "Outpost project"
    description = "Detects command lines that make mshta.exe run inline VBScript or JavaScript (mshta vbscript:..., mshta javascript:...) or an HTA fetched from a URL, a proxy-execution technique that bypasses application allow-lists"
    reference = "https://attack.mitre.org/techniques/T1218/005/"
    date = "2026-11-25"
    score = 70
    mitre_attack = "T1218.005"

  strings:
    $inline = /mshta(\.exe)?["']?\s+["']?(vbscript|javascript|about):/ nocase ascii wide
    $remote = /mshta(\.exe)?["']?\s+["']?https?:\/\// nocase ascii wide

  condition:
    any of them
}

rule SUSP_Certutil_Download_Or_Decode : lolbin
{
  meta:
    id = "OUTPOST-2026-0021"
    author = "Outpost project"
    description = "Detects certutil.exe used as a downloader (-urlcache or -verifyctl with a URL) or as a decoder (-decode, -decodehex), living-off-the-land ways to fetch and unpack payloads without dropping a tool"
    reference = "https://attack.mitre.org/techniques/T1105/"
    date = "2026-11-25"
    score = 65
    mitre_attack = "T1105"

  strings:
    $download = /certutil(\.exe)?["']?\s+[^\r\n]{0,40}[-\/](urlcache|verifyctl)\s[^\r\n]{0,60}https?:\/\// nocase ascii wide
    $decode = /certutil(\.exe)?["']?\s+[^\r\n]{0,20}[-\/]decode(hex)?\s/ nocase ascii wide

  condition:
    any of them
}
