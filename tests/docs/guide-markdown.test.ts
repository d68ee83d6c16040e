/**
 * The release guides' Markdown renderer (scripts/release/markdown.ts): the marks the guides use become HTML,
 * text never does, and French spacing does not break before « ; : ! ? ».
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inline, markdownToHtml } from '../../scripts/release/markdown';

test('text is escaped, code spans keep their marks, links only to web, mail or relative addresses', () => {
  expect(inline('<script>alert(1)</script> & "x"')).toBe('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;');
  expect(inline('`**pas gras** <b>`')).toBe('<code>**pas gras** &lt;b&gt;</code>');
  expect(inline('[aide](https://exemple.org/aide) [x](javascript:void)')).toBe(
    '<a href="https://exemple.org/aide">aide</a> x',
  );
  expect(inline('**gras** et *italique*')).toBe('<strong>gras</strong> et <em>italique</em>');
  expect(inline('« Oui » : non ; fin !')).toBe('«\u00a0Oui\u00a0»\u00a0: non\u00a0; fin\u00a0!');
});

test('headings, lists nested one in another, tables with right-aligned columns, code blocks, quotes', () => {
  const html = markdownToHtml(
    [
      '# Titre',
      '',
      '1. un',
      '2. deux',
      '   - a',
      '   - b',
      '     suite de b',
      '3. trois',
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
  );
  expect(html).toBe(
    [
      '<h1>Titre</h1>',
      '<ol><li>un</li><li>deux<ul><li>a</li><li>b suite de b</li></ul></li><li>trois</li></ol>',
      '<table>',
      '<thead><tr><th>Code</th><th class="num">N</th></tr></thead>',
      '<tbody>',
      '<tr><td><code>merge</code></td><td class="num">2</td></tr>',
      '</tbody>',
      '</table>',
      '<pre><code>npm run merge -- --input &lt;dossier&gt;</code></pre>',
      '<blockquote><p>Attention ici.</p></blockquote>',
    ].join('\n'),
  );
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
