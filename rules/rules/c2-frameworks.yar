/*
 * Outpost default rule pack: command-and-control frameworks.
 */

rule HKTL_CobaltStrike_Beacon_Config_Block : hacktool c2 cobaltstrike
{
  meta:
    id = "OUTPOST-2026-0015"
    author = "Outpost project"
    description = "Detects the encoded configuration block of a Cobalt Strike beacon: its first three settings (beacon type, port, sleep time) in type-length-value form, XOR-encoded with 0x69 (3.x) or 0x2E (4.x), in payloads, memory dumps and carved files"
    reference = "https://attack.mitre.org/software/S0154/"
    date = "2026-11-25"
    score = 90
    mitre_attack = "T1071.001"

  strings:
    // 00 01 00 01 00 02 ?? ?? | 00 02 00 01 00 02 ?? ?? | 00 03 00 02 00 04, XOR-encoded.
    $config_v3 = { 69 68 69 68 69 6B ?? ?? 69 6B 69 68 69 6B ?? ?? 69 6A 69 6B 69 6D }
    $config_v4 = { 2E 2F 2E 2F 2E 2C ?? ?? 2E 2C 2E 2F 2E 2C ?? ?? 2E 2D 2E 2C 2E 2A }

  condition:
    any of them
}

rule HKTL_CobaltStrike_Beacon_Artifacts : hacktool c2 cobaltstrike
{
  meta:
    id = "OUTPOST-2026-0016"
    author = "Outpost project"
    description = "Detects Cobalt Strike beacon and artifact-kit leftovers: the default named-pipe templates (MSSE-%d-server, postex_, status_, msagent_) and the beacon's user-report format string, in binaries, scripts and memory dumps"
    reference = "https://attack.mitre.org/software/S0154/"
    date = "2026-11-25"
    score = 85
    mitre_attack = "T1570"

  strings:
    $pipe1 = "\\\\.\\pipe\\MSSE-%d-server" ascii wide
    $pipe2 = "\\\\.\\pipe\\postex_" ascii wide
    $pipe3 = "\\\\.\\pipe\\status_" ascii wide
    $pipe4 = "\\\\.\\pipe\\msagent_" ascii wide
    $format = "%s as %s\\%s: %d" ascii wide

  condition:
    any of them
}
