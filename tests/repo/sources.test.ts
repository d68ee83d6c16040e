/**
 * Rules about where things live in the sources, checked on the files themselves so that a newcomer's
 * edit that breaks one fails here with the file named.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name.startsWith('.')) return [];
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}
const sourcesOf = (...dirs: string[]) =>
  dirs
    .flatMap((d) => files(path.join(ROOT, d)))
    .map((file) => ({ file: path.relative(ROOT, file), text: readFileSync(file, 'utf8') }));

test('the language → locale mapping is written once, as LOCALES in core/messages/index.ts', () => {
  const owner = path.join('core', 'messages', 'index.ts');
  const inline = sourcesOf('core', 'pipeline', 'addin')
    .filter((s) => s.file !== owner && /['"`](fr-FR|en-GB)['"`]/.test(s.text))
    .map((s) => s.file);
  expect(inline).toEqual([]);
  expect(readFileSync(path.join(ROOT, owner), 'utf8')).toMatch(/export const LOCALES\b/);
});

test('the sources and scripts never import the tests (a tool that needs their helpers lives under tests/)', () => {
  const importsOfTests = sourcesOf('core', 'pipeline', 'addin', 'scripts').flatMap((s) =>
    [...s.text.matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"]([^'"]+)['"]/g)]
      .map((m) => m[1]!)
      .filter(
        (spec) =>
          spec.startsWith('.') &&
          path.resolve(ROOT, path.dirname(s.file), spec).startsWith(path.join(ROOT, 'tests') + path.sep),
      )
      .map((spec) => `${s.file} → ${spec}`),
  );
  expect(importsOfTests).toEqual([]);
});

test('every `npm run` and `npx tsx` command of the README exists', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const scripts = Object.keys(
    (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts,
  );
  const named = [...readme.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!);
  expect(named).toEqual(expect.arrayContaining(['merge', 'screenshot', 'screenshot:taskpane']));
  expect([...new Set(named)].filter((name) => !scripts.includes(name))).toEqual([]);
  const run = [...readme.matchAll(/npx tsx ([\w./-]+\.ts)/g)].map((m) => m[1]!);
  expect(run.filter((file) => !existsSync(path.join(ROOT, file)))).toEqual([]);
});
