/**
 * The core is host-neutral: no Node, no exceljs, no Office.js, no pipeline or add-in code; only zod.
 * Host globals (process, Buffer, Excel, document, setTimeout…) are the compiler's job: `npm test` compiles
 * core/ alone with core/tsconfig.json, which has no DOM, Node or Office types. This test keeps that tsconfig
 * strict and checks what the compiler lets through: imports of typed packages (exceljs) or of files outside core/.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const CORE = path.resolve(__dirname, '..', '..', 'core');
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : name.endsWith('.ts') ? [full] : [];
  });
}
const sources = files(CORE).map((file) => ({ file: path.relative(CORE, file), text: readFileSync(file, 'utf8') }));

test('the core has its sources', () => {
  expect(sources.map((s) => s.file)).toEqual(
    expect.arrayContaining(['validate.ts', 'tables.ts', path.join('rules', 'registry.ts')]),
  );
});

test.each(sources.map((s) => [s.file, s.text]))('%s imports only the core itself and zod', (file, text) => {
  const specifiers = [
    ...text.matchAll(
      /(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g,
    ),
  ].map((m) => m[1] ?? m[2] ?? m[3]!);
  for (const spec of specifiers) {
    if (spec === 'zod') continue;
    expect(spec).toMatch(/^\.\.?\//);
    // A relative import must stay inside core/.
    expect(path.resolve(CORE, path.dirname(file), spec).startsWith(CORE)).toBe(true);
  }
  // A triple-slash reference would bring a host's types back past core/tsconfig.json.
  expect(text).not.toMatch(/^\s*\/\/\/\s*<reference/m);
});

test('core/tsconfig.json compiles all of core with no host types and no DOM', () => {
  const configFile = path.join(CORE, 'tsconfig.json');
  const read = ts.readConfigFile(configFile, (file) => ts.sys.readFile(file));
  expect(read.error).toBeUndefined();
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, CORE, undefined, configFile);
  expect(parsed.errors).toEqual([]);
  expect(parsed.options.types).toEqual([]);
  expect(parsed.options.lib?.length).toBeGreaterThan(0);
  expect(parsed.options.lib?.filter((lib) => /dom|webworker|scripthost/i.test(lib))).toEqual([]);
  expect(parsed.options.strict).toBe(true);
  expect(parsed.fileNames.map((file) => path.relative(CORE, file)).sort()).toEqual(sources.map((s) => s.file).sort());
});
