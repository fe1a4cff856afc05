/*
 * Outpost default rule pack: executables that pretend to be something else.
 * These rules use the `extension` and `filename` externals that Outpost sets for every file
 * (`extension` is lower-case with its dot, e.g. ".pdf").
 *
 * No two rules of this pack share an identical pattern: yara-x 1.20 can drop the matches of
 * a pattern shared by two rules when the first one fails (VirusTotal/yara-x#762).
 */

rule SUSP_PE_Masquerading_As_Document : masquerading pe
{
  meta:
    id = "OUTPOST-2026-0002"
    author = "Outpost project"
    description = "Detects a Windows PE executable (MZ header and a PE signature at e_lfanew) whose file extension claims a document, image or media file, a common way to make a user or an analyst open a program without noticing"
    reference = "https://attack.mitre.org/techniques/T1036/008/"
    date = "2026-11-25"
    score = 75
    mitre_attack = "T1036.008"

  strings:
    // The PE signature followed by a common Machine value: i386, AMD64, ARM64 or ARMNT.
    $pe = { 50 45 00 00 ( 4C 01 | 64 86 | 64 AA | C4 01 ) }

  condition:
    uint16(0) == 0x5A4D and $pe at uint32(0x3C) and
    extension matches /^\.(pdf|docx?|xlsx?|pptx?|odt|ods|rtf|txt|csv|jpe?g|png|gif|bmp|tiff?|mp3|mp4|avi|wav)$/
}

rule SUSP_ELF_Masquerading_As_Document : masquerading elf
{
  meta:
    id = "OUTPOST-2026-0003"
    author = "Outpost project"
    description = "Detects a Linux ELF executable or library whose file extension claims a document, image or media file, as when coin miners and bots are downloaded as .png or .jpg to slip past proxies and casual review"
    reference = "https://attack.mitre.org/techniques/T1036/008/"
    date = "2026-11-25"
    score = 70
    mitre_attack = "T1036.008"

  strings:
    // ELF magic, 32- or 64-bit class, little- or big-endian, ELF version 1.
    $elf = { 7F 45 4C 46 ( 01 | 02 ) ( 01 | 02 ) 01 }

  condition:
    $elf at 0 and
    extension matches /^\.(pdf|docx?|xlsx?|pptx?|odt|rtf|txt|csv|jpe?g|png|gif|bmp|ico|mp3|mp4)$/
}

rule SUSP_PE_Double_Extension : masquerading pe
{
  meta:
    id = "OUTPOST-2026-0004"
    author = "Outpost project"
    description = "Detects a Windows PE executable named with a document or image extension before the executable one (invoice.pdf.exe, photo.jpg  .scr), relying on Explorer hiding known extensions so the file looks like a document"
    reference = "https://attack.mitre.org/techniques/T1036/007/"
    date = "2026-11-25"
    score = 75
    mitre_attack = "T1036.007"

  strings:
    // PE signature, Machine, then SizeOfOptionalHeader of a PE32 (0xE0) or PE32+ (0xF0) image.
    $pe = { 50 45 00 00 ( 4C 01 | 64 86 | 64 AA | C4 01 ) [14] ( E0 | F0 ) 00 }

  condition:
    uint16(0) == 0x5A4D and $pe at uint32(0x3C) and
    filename matches /\.(pdf|docx?|xlsx?|pptx?|rtf|txt|jpe?g|png|gif|zip|rar)[ _]*\.(exe|scr|com|pif|cpl)$/i
}
