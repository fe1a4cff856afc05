/*
 * Outpost default rule pack: test files.
 * A rule that fires on a harmless file, so an analyst can prove a scan pipeline works.
 */

rule TEST_EICAR_Antivirus_Test_File : test
{
  meta:
    id = "OUTPOST-2026-0001"
    author = "Outpost project"
    description = "Detects the EICAR anti-virus test file: the 68-byte EICAR standard string at the very start of a file of at most 128 bytes, as the EICAR specification defines it. Used to check that scanning works end to end"
    reference = "https://www.eicar.org/download-anti-malware-testfile/"
    date = "2026-11-25"
    score = 40

  strings:
    // The EICAR string in hex, so that this rule file is not itself taken for an EICAR file
    // (and yara-x told that writing it in hex is on purpose).
    // suppress: text_as_hex
    $eicar = {
      58 35 4F 21 50 25 40 41 50 5B 34 5C 50 5A 58 35 34   // X5O!P%@AP[4\PZX54
      28 50 5E 29 37 43 43 29 37 7D 24 45 49 43 41 52 2D   // (P^)7CC)7}$EICAR-
      53 54 41 4E 44 41 52 44 2D 41 4E 54 49 56 49 52 55   // STANDARD-ANTIVIRU
      53 2D 54 45 53 54 2D 46 49 4C 45 21 24 48 2B 48 2A   // S-TEST-FILE!$H+H*
    }

  condition:
    $eicar at 0 and filesize <= 128
}
