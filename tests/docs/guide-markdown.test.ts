/**
 * The release guides' Markdown (scripts/release/markdown.ts, marked): the marks the guides use become HTML,
 * raw HTML never does, and French spacing does not break before « ; : ! ? ».
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { frenchSpacing, markdownToHtml } from '../../scripts/release/markdown';

test('raw HTML stays text; French spacing does not break before « ; : ! ? » or after «, outside code', () => {
  const html = markdownToHtml('<script>alert(1)</script>\n\n**gras** « Oui » : non ; fin ! `a : b`');
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(html).not.toContain('<script>');
  expect(html).toContain('<strong>gras</strong> «\u00a0Oui\u00a0»\u00a0: non\u00a0; fin\u00a0! <code>a : b</code>');
  expect(frenchSpacing('« Oui » : non')).toBe('«\u00a0Oui\u00a0»\u00a0: non');
});

test('headings, nested lists, tables with right-aligned columns, code blocks and quotes become their HTML', () => {
  const html = markdownToHtml(
    [
      '# Titre',
      '',
      '1. un',
      '2. deux',
      '   - a',
      '   - b',
      '',
      '| Code | N |',
      '|---|---:|',
      '| `merge` | 2 |',
      '',
      '```sh',
      'npm run merge -- --input <dossier>',
      '```',
      '',
      '> Attention',
      '> ici.',
    ].join('\n'),
  ).replace(/\n/g, '');
  expect(html).toContain('<h1>Titre</h1>');
  expect(html).toMatch(/<ol><li>un<\/li><li>deux<ul><li>a<\/li><li>b<\/li><\/ul><\/li><\/ol>/);
  expect(html).toMatch(/<th align="right">N<\/th>.*<td><code>merge<\/code><\/td><td align="right">2<\/td>/);
  expect(html).toContain('npm run merge -- --input &lt;dossier&gt;');
  expect(html).toMatch(/<blockquote><p>Attention\s*ici\.<\/p><\/blockquote>/);
});

test('each guide renders every one of its headings, with no Markdown mark left outside code', () => {
  for (const name of ['guide-coordinateur', 'guide-responsable-se']) {
    const md = readFileSync(path.resolve(__dirname, '..', '..', 'docs', 'guides', `${name}.md`), 'utf8');
    const html = markdownToHtml(md);
    const headings = [...md.matchAll(/^#{1,3} .+$/gm)].length;
    expect(headings).toBeGreaterThan(4);
    expect([...html.matchAll(/<h[1-3]>/g)]).toHaveLength(headings);
    expect(html.replace(/<code>[^<]*<\/code>/g, '')).not.toMatch(/\*\*|```|^#|^\||^- |^\d+\. /m);
  }
});
