/**
 * The Markdown of the release guides as HTML: headings, paragraphs, lists (nested too), tables, fenced code,
 * quotes, **bold**, *italics*, `code` and [links](url). Just what docs/guides/ uses, so the guides need no
 * Markdown library; anything else stays as text (escaped), never as raw HTML.
 */

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Inline marks of one line of text. Code spans are set aside first: nothing inside them is a mark. */
export function inline(text: string): string {
  const codes: string[] = [];
  const held = text.replace(/`([^`]+)`/g, (_m, code: string) => `\uE000${codes.push(code) - 1}\uE000`);
  return escapeHtml(held)
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_m, label: string, href: string) =>
      /^(https?:|mailto:|#|\.{0,2}\/|[\w-]+\.(html|md)$)/.test(href) ? `<a href="${href}">${label}</a>` : label,
    )
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*\w])\*([^*\s][^*]*)\*(?!\w)/g, '$1<em>$2</em>')
    // French spacing: the space before ; : ! ? » and after « never breaks the line.
    .replace(/ ([;:!?»])/g, '\u00a0$1')
    .replace(/« /g, '«\u00a0')
    .replace(/\uE000(\d+)\uE000/g, (_m, i: string) => `<code>${escapeHtml(codes[Number(i)]!)}</code>`);
}

const cells = (row: string): string[] =>
  row
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());

const LIST_ITEM = /^(\s*)([-*]|\d+\.)\s+(.*)$/;

/** The HTML of a Markdown document (the body's content). */
export function markdownToHtml(markdown: string): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let i = 0;
  const isBlank = (l: string | undefined) => l === undefined || l.trim() === '';
  const startsBlock = (l: string) =>
    /^(#{1,4}\s|```|>\s?|\|)/.test(l) || LIST_ITEM.test(l) || /^(-{3,}|\*{3,})\s*$/.test(l);
  while (i < lines.length) {
    const line = lines[i]!;
    if (isBlank(line)) {
      i++;
      continue;
    }
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    if (heading) {
      const level = heading[1]!.length;
      out.push(`<h${level}>${inline(heading[2]!.trim())}</h${level}>`);
      i++;
      continue;
    }
    if (/^(-{3,}|\*{3,})\s*$/.test(line)) {
      out.push('<hr>');
      i++;
      continue;
    }
    if (line.startsWith('```')) {
      const code: string[] = [];
      i++;
      while (i < lines.length && !lines[i]!.startsWith('```')) code.push(lines[i++]!);
      i++;
      out.push(`<pre><code>${escapeHtml(code.join('\n'))}</code></pre>`);
      continue;
    }
    if (line.startsWith('|') && /^\|?\s*:?-{3,}/.test(lines[i + 1] ?? '')) {
      const head = cells(line);
      const aligns = cells(lines[i + 1]!).map((c) => (c.endsWith(':') ? ' class="num"' : ''));
      i += 2;
      const rows: string[][] = [];
      while (i < lines.length && lines[i]!.startsWith('|')) rows.push(cells(lines[i++]!));
      out.push(
        '<table>',
        `<thead><tr>${head.map((c, k) => `<th${aligns[k] ?? ''}>${inline(c)}</th>`).join('')}</tr></thead>`,
        '<tbody>',
        ...rows.map((r) => `<tr>${r.map((c, k) => `<td${aligns[k] ?? ''}>${inline(c)}</td>`).join('')}</tr>`),
        '</tbody>',
        '</table>',
      );
      continue;
    }
    if (line.startsWith('>')) {
      const quoted: string[] = [];
      while (i < lines.length && lines[i]!.startsWith('>')) quoted.push(lines[i++]!.replace(/^>\s?/, ''));
      out.push(`<blockquote>${markdownToHtml(quoted.join('\n'))}</blockquote>`);
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      // Items of this list, their continuation lines, and a list nested under an item (indented further).
      const ordered = /\d/.test(item[2]!);
      const indent = item[1]!.length;
      const items: { text: string; nested: string[] }[] = [];
      while (i < lines.length) {
        const m = LIST_ITEM.exec(lines[i]!);
        const last = items[items.length - 1];
        if (m && m[1]!.length === indent && /\d/.test(m[2]!) === ordered) {
          items.push({ text: m[3]!, nested: [] });
          i++;
        } else if (m && m[1]!.length > indent && last) {
          last.nested.push(lines[i++]!.slice(indent + 2));
        } else if (!isBlank(lines[i]) && /^\s{2,}\S/.test(lines[i]!) && last) {
          if (last.nested.length > 0) last.nested.push(lines[i++]!.slice(indent + 2));
          else last.text += ` ${lines[i++]!.trim()}`;
        } else break;
      }
      const tag = ordered ? 'ol' : 'ul';
      const li = (it: { text: string; nested: string[] }) =>
        `<li>${inline(it.text)}${it.nested.length > 0 ? markdownToHtml(it.nested.join('\n')) : ''}</li>`;
      out.push(`<${tag}>${items.map(li).join('')}</${tag}>`);
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length && !isBlank(lines[i]) && (paragraph.length === 0 || !startsBlock(lines[i]!)))
      paragraph.push(lines[i++]!.trim());
    out.push(`<p>${inline(paragraph.join(' '))}</p>`);
  }
  return out.join('\n');
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
td.num, th.num { text-align: right; }
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
