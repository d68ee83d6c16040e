/** The core is host-neutral: no Node, no exceljs, no Office.js, no pipeline or add-in code; only zod. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const CORE = path.resolve(__dirname, '..', '..', 'core');
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : name.endsWith('.ts') ? [full] : [];
  });
}
const sources = files(CORE).map((file) => ({ file: path.relative(CORE, file), text: readFileSync(file, 'utf8') }));

test('the core has its sources', () => {
  expect(sources.map((s) => s.file)).toEqual(expect.arrayContaining(['validate.ts', 'tables.ts', path.join('rules', 'registry.ts')]));
});

test.each(sources.map((s) => [s.file, s.text]))('%s imports only the core itself and zod', (file, text) => {
  const specifiers = [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
  for (const spec of specifiers) {
    if (spec === 'zod') continue;
    expect(spec).toMatch(/^\.\.?\//);
    // A relative import must stay inside core/.
    expect(path.resolve(CORE, path.dirname(file), spec).startsWith(CORE)).toBe(true);
  }
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  expect(code).not.toMatch(/\b(Office|Excel)\.\w|\bprocess\.|\brequire\(|__dirname/);
});
