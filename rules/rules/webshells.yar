/*
 * Outpost default rule pack: web shells.
 * These rules look at content only, not at the extension: web shells are often hidden in
 * files named .jpg, .txt or .ico and included by a vulnerable page.
 */

rule WEBSHELL_PHP_Eval_Of_Request_Input : webshell php
{
  meta:
    id = "OUTPOST-2026-0006"
    author = "Outpost project"
    description = "Detects PHP code that passes request input ($_POST, $_GET, $_REQUEST, $_COOKIE, possibly base64-decoded) straight to a code or command execution function such as eval, assert, system, passthru, shell_exec or popen: the core of most one-line PHP web shells"
    reference = "https://attack.mitre.org/techniques/T1505/003/"
    date = "2026-11-25"
    score = 85
    mitre_attack = "T1505.003"

  strings:
    $exec = /\b(eval|assert|system|passthru|shell_exec|exec|popen|proc_open|create_function)\s*\(\s*(base64_decode\s*\(\s*)?\$_(POST|GET|REQUEST|COOKIE)\s*\[/ nocase

  condition:
    $exec
}

rule WEBSHELL_PHP_Obfuscated_Eval_Chain : webshell php
{
  meta:
    id = "OUTPOST-2026-0007"
    author = "Outpost project"
    description = "Detects PHP code that evaluates decoded or decompressed data (eval or assert of base64_decode, gzinflate, gzuncompress, str_rot13 and similar), the loader of obfuscated web shells and of backdoors injected into CMS files"
    reference = "https://attack.mitre.org/techniques/T1027/"
    date = "2026-11-25"
    score = 80
    mitre_attack = "T1505.003"

  strings:
    $chain = /\b(eval|assert)\s*\(\s*(gzinflate|gzuncompress|gzdecode|str_rot13|base64_decode|convert_uudecode|hex2bin)\s*\(/ nocase

  condition:
    $chain
}

rule WEBSHELL_JSP_Runtime_Exec_Of_Request_Parameter : webshell jsp
{
  meta:
    id = "OUTPOST-2026-0008"
    author = "Outpost project"
    description = "Detects a JSP page or Java servlet source that runs operating-system commands (Runtime.getRuntime().exec or new ProcessBuilder) and reads HTTP request parameters, the pattern of JSP command shells dropped through vulnerable Java applications"
    reference = "https://attack.mitre.org/techniques/T1505/003/"
    date = "2026-11-25"
    score = 80
    mitre_attack = "T1505.003"

  strings:
    $exec = /Runtime\s*\.\s*getRuntime\s*\(\s*\)\s*\.\s*exec\s*\(/
    $builder = /new\s+ProcessBuilder\s*\(/
    $param = /request\s*\.\s*getParameter\s*\(/

  condition:
    filesize < 512KB and ($exec or $builder) and $param
}

rule WEBSHELL_ASPX_Process_Start_From_Request : webshell aspx
{
  meta:
    id = "OUTPOST-2026-0009"
    author = "Outpost project"
    description = "Detects an ASP.NET page (a <%@ Page directive) that starts processes (Process.Start or ProcessStartInfo) and reads request input (Request.Form, Request.QueryString, Request[...]), the pattern of ASPX command shells"
    reference = "https://attack.mitre.org/techniques/T1505/003/"
    date = "2026-11-25"
    score = 85
    mitre_attack = "T1505.003"

  strings:
    $page = /<%@\s*Page\s/ nocase
    $proc1 = "Process.Start(" nocase
    $proc2 = "ProcessStartInfo" nocase
    $request = /Request(\.Form|\.QueryString|\.Params|\.Item)?\s*\[/ nocase

  condition:
    filesize < 512KB and $page and 1 of ($proc*) and $request
}

rule WEBSHELL_ASP_Eval_Request_One_Liner : webshell aspx asp
{
  meta:
    id = "OUTPOST-2026-0010"
    author = "Outpost project"
    description = "Detects the China Chopper style one-line ASP and ASP.NET shells that evaluate a request field directly: eval(Request.Item[...], \"unsafe\") in JScript pages, or eval request(...) in classic ASP"
    reference = "https://attack.mitre.org/software/S0020/"
    date = "2026-11-25"
    score = 90
    mitre_attack = "T1505.003"

  strings:
    $eval_item = /eval\s*\(\s*Request(\.Item|\.Form)?\s*\[[^\]\r\n]{1,64}\]/ nocase
    $eval_asp = /<%\s*eval\s*\(?\s*request\s*\(\s*"/ nocase

  condition:
    any of them
}
