/** What the pane's code may not do: reach the pipeline, Node or exceljs, the network, or HTML parsing. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ADDIN = path.resolve(__dirname, '..', '..', 'addin');
const sources = ['excel', 'taskpane', 'help'].flatMap((dir) =>
  readdirSync(path.join(ADDIN, dir))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ file: `${dir}/${f}`, text: readFileSync(path.join(ADDIN, dir, f), 'utf8') })),
);

describe('add-in boundaries', () => {
  it('has sources to check', () => {
    expect(sources.map((s) => s.file)).toEqual(
      expect.arrayContaining([
        'excel/reader.ts',
        'excel/highlighter.ts',
        'excel/template-writer.ts',
        'taskpane/taskpane.ts',
        'taskpane/view.ts',
        'help/aide.ts',
      ]),
    );
  });

  it.each(sources.map((s) => [s.file, s.text]))(
    '%s imports only core, templates and its own modules',
    (_file, text) => {
      const specifiers = [
        ...text.matchAll(
          /(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g,
        ),
      ].map((m) => m[1] ?? m[2] ?? m[3]!);
      for (const spec of specifiers) {
        expect(spec).toMatch(/^\.\.?\//);
        expect(spec).not.toMatch(/pipeline|^node:|exceljs/);
        expect(spec.startsWith('../../') ? /^\.\.\/\.\.\/(core|templates)\//.test(spec) : true).toBe(true);
      }
    },
  );

  it.each(sources.map((s) => [s.file, s.text]))('%s neither parses HTML nor talks to the network', (_file, text) => {
    expect(text).not.toMatch(
      /\.innerHTML|insertAdjacentHTML|\.outerHTML|document\.write|\beval\(|new Function\(|\bfetch\(|XMLHttpRequest|WebSocket|sendBeacon/,
    );
  });
});
