/*
 * Outpost default rule pack: packers.
 */

rule PUA_UPX_Packed_PE : packer pe
{
  meta:
    id = "OUTPOST-2026-0005"
    author = "Outpost project"
    description = "Detects a Windows PE executable packed with UPX: UPX0 and UPX1 section names and the UPX! header magic within the PE headers. UPX is legitimate, but packing hides code from static review and is common in commodity malware"
    reference = "https://upx.github.io/"
    date = "2026-11-25"
    score = 40
    mitre_attack = "T1027.002"

  strings:
    // Section names are 8 bytes, NUL-padded.
    $upx0 = { 55 50 58 30 00 00 00 00 }
    $upx1 = { 55 50 58 31 00 00 00 00 }
    $magic = "UPX!"

  condition:
    uint16(0) == 0x5A4D and uint32(uint32(0x3C)) == 0x00004550 and
    $upx0 in (0..0x1000) and $upx1 in (0..0x1000) and $magic in (0..0x1000)
}
