/**
 * Rules about where things live in the sources, checked on the files themselves so that a newcomer's
 * edit that breaks one fails here with the file named.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name.startsWith('.')) return [];
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}
const sourcesOf = (...dirs: string[]) => dirs.flatMap((d) => files(path.join(ROOT, d))).map((file) => ({ file: path.relative(ROOT, file), text: readFileSync(file, 'utf8') }));

test('the language → locale mapping is written once, as LOCALES in core/messages/index.ts', () => {
  const owner = path.join('core', 'messages', 'index.ts');
  const inline = sourcesOf('core', 'pipeline', 'addin')
    .filter((s) => s.file !== owner && /['"`](fr-FR|en-GB)['"`]/.test(s.text))
    .map((s) => s.file);
  expect(inline).toEqual([]);
  expect(readFileSync(path.join(ROOT, owner), 'utf8')).toMatch(/export const LOCALES\b/);
});
