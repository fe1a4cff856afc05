/*
 * Outpost default rule pack: Office macros.
 * In an OLE file the VBA source is compressed, but the _VBA_PROJECT stream keeps every
 * identifier the macros use in plain ASCII: that is what these strings find.
 */

rule SUSP_Office_AutoExec_Macro_Starting_Process : office macro
{
  meta:
    id = "OUTPOST-2026-0017"
    author = "Outpost project"
    description = "Detects a legacy Office document or a vbaProject.bin (OLE compound file with a VBA project) whose macros run on open (AutoOpen, Document_Open, Workbook_Open, Auto_Open) and use a way to start programs (Shell, WScript.Shell, Shell.Application, ShellExecute, WMI Win32_Process, powershell)"
    reference = "https://attack.mitre.org/techniques/T1204/002/"
    date = "2026-11-25"
    score = 75
    mitre_attack = "T1204.002"

  strings:
    $vba = "_VBA_PROJECT" wide
    $auto1 = "AutoOpen" ascii nocase fullword
    $auto2 = "Document_Open" ascii nocase fullword
    $auto3 = "Workbook_Open" ascii nocase fullword
    $auto4 = "Auto_Open" ascii nocase fullword
    $auto5 = "Document_New" ascii nocase fullword
    $shell = "Shell" ascii fullword
    $launcher = /(WScript\.Shell|Shell\.Application|ShellExecute|Win32_Process|powershell)/ ascii nocase

  condition:
    uint32be(0) == 0xD0CF11E0 and uint32be(4) == 0xA1B11AE1 and
    $vba and 1 of ($auto*) and ($shell or $launcher)
}
