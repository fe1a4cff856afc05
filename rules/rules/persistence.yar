/*
 * Outpost default rule pack: persistence set up by scripts and command lines.
 */

rule SUSP_Script_RunKey_Persistence : persistence
{
  meta:
    id = "OUTPOST-2026-0022"
    author = "Outpost project"
    description = "Detects scripts and command lines that write a Run or RunOnce autostart value (reg add, New-ItemProperty, Set-ItemProperty, RegWrite, StdRegProv) pointing to a script interpreter, a proxy binary or a user-writable folder"
    reference = "https://attack.mitre.org/techniques/T1547/001/"
    date = "2026-11-25"
    score = 65
    mitre_attack = "T1547.001"

  strings:
    $key = /\\Software\\Microsoft\\Windows\\CurrentVersion\\Run(Once)?\b/ nocase ascii wide
    $write1 = /reg(\.exe)?\s+add\s/ nocase ascii wide
    $write2 = "New-ItemProperty" nocase ascii wide
    $write3 = "Set-ItemProperty" nocase ascii wide
    $write4 = ".RegWrite" nocase ascii wide
    $write5 = "SetStringValue" nocase ascii wide
    $payload_bin = /(powershell|mshta|wscript|cscript|rundll32|regsvr32)(\.exe)?\b/ nocase ascii wide
    $payload_dir = /(\\AppData\\|\\Users\\Public\\|%(APPDATA|LOCALAPPDATA|TEMP|TMP|PUBLIC)%|\$env:(APPDATA|LOCALAPPDATA|TEMP|TMP|PUBLIC)\b)/ nocase ascii wide

  condition:
    filesize < 2MB and $key and 1 of ($write*) and 1 of ($payload*)
}

rule SUSP_Script_Scheduled_Task_Persistence : persistence
{
  meta:
    id = "OUTPOST-2026-0023"
    author = "Outpost project"
    description = "Detects scripts and command lines that create a scheduled task (schtasks /create, Register-ScheduledTask, New-ScheduledTaskAction) whose action runs a proxy binary, a hidden or encoded PowerShell, or a file in a user-writable folder"
    reference = "https://attack.mitre.org/techniques/T1053/005/"
    date = "2026-11-25"
    score = 60
    mitre_attack = "T1053.005"

  strings:
    $create1 = /schtasks(\.exe)?\s+[-\/]create\s/ nocase ascii wide
    $create2 = "Register-ScheduledTask" nocase ascii wide
    $create3 = "New-ScheduledTaskAction" nocase ascii wide
    $action_bin = /(mshta|wscript|cscript|rundll32|regsvr32)(\.exe)?["']?\s/ nocase ascii wide
    $action_hidden = /\s-(w|windowstyle)\s+hidden\b/ nocase ascii wide
    $action_encoded = /\s-e(nc|ncodedcommand)?\s+[A-Za-z0-9+\/]{20,}/ nocase ascii wide
    $action_dir = /(\\AppData\\(Local|Roaming)\\|\\Users\\Public\\|%(APPDATA|LOCALAPPDATA|TEMP|TMP|PUBLIC)%)/ nocase ascii wide

  condition:
    filesize < 2MB and 1 of ($create*) and 1 of ($action*)
}
