/**
 * The Markdown of the release guides as HTML, by marked (GitHub-flavoured Markdown). Two house rules on top:
 * raw HTML in a guide stays text (escaped), and French spacing never breaks a line before ; : ! ? » or after «.
 */
import { Marked, type Token, type Tokens } from 'marked';
import { escapeAttr as escapeHtml } from '../../pipeline/xml/escape';


/** The space before ; : ! ? » and after « becomes a no-break space. */
export const frenchSpacing = (text: string): string => text.replace(/ ([;:!?»])/g, '\u00a0$1').replace(/« /g, '«\u00a0');

const guideMarked = new Marked({
  gfm: true,
  async: false,
  walkTokens(token: Token) {
    // Only plain text: code spans and blocks keep their spaces.
    if (token.type !== 'text') return;
    const text = token as Tokens.Text;
    if (!text.tokens?.length) text.text = frenchSpacing(text.text);
  },
  renderer: {
    html: (token) => escapeHtml(token.text),
  },
});

/** The HTML of a Markdown document (the body's content). */
export function markdownToHtml(markdown: string): string {
  return guideMarked.parse(markdown, { async: false });
}

/** A guide as a standalone HTML page for screens and A4 paper (printed from any browser). */
export function guidePage(title: string, bodyHtml: string): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
@page { size: A4; margin: 18mm 16mm 18mm 16mm; }
html { font-family: "Segoe UI", Calibri, Carlito, "Helvetica Neue", Arial, sans-serif; font-size: 11pt; line-height: 1.45; color: #1b1b1b; }
body { max-width: 46em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 20pt; color: #0b4f8a; border-bottom: 2px solid #0b4f8a; padding-bottom: 0.2em; margin: 0 0 0.6em; }
h2 { font-size: 14pt; color: #0b4f8a; margin: 1.4em 0 0.4em; }
h3 { font-size: 12pt; margin: 1.1em 0 0.3em; }
h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
p, li { orphans: 3; widows: 3; }
ul, ol { padding-left: 1.4em; }
li { margin: 0.15em 0; }
code { font-family: Consolas, "DejaVu Sans Mono", monospace; font-size: 0.92em; background: #f1f3f5; padding: 0 0.2em; border-radius: 2px; }
pre { background: #f1f3f5; padding: 0.6em 0.8em; white-space: pre-wrap; overflow-wrap: anywhere; break-inside: avoid; page-break-inside: avoid; }
pre code { background: none; padding: 0; }
table { border-collapse: collapse; width: 100%; margin: 0.6em 0; break-inside: auto; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
th, td { border: 1px solid #9aa5b1; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
th { background: #e3ecf5; }
blockquote { margin: 0.8em 0; padding: 0.4em 0.9em; border-left: 4px solid #e39b1b; background: #fff7e8; break-inside: avoid; }
blockquote p { margin: 0.2em 0; }
a { color: #0b4f8a; }
@media print {
  body { max-width: none; margin: 0; padding: 0; }
  a { color: inherit; text-decoration: none; }
}
</style>
</head>
<body>
${bodyHtml}
</body>
</html>
`;
}
