/**
 * The pipeline's layers point one way: read → core; write → core; merge → read, write, core; the
 * commands (cli, bench and the tools at the root) → anything. xml/ is the shared scanner under read and
 * write; paths.ts (where the toolkit lies) is under everything. A file's layer is its folder; the root modules
 * are placed by what they do.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const PIPELINE = path.join(ROOT, 'pipeline');

type Layer = 'base' | 'core' | 'xml' | 'read' | 'write' | 'merge' | 'command';

/** Root modules by what they do: reading the framework file, writing a template, or being a command. */
const ROOT_MODULES: Record<string, Layer> = {
  'framework-file.ts': 'read',
  'templates.ts': 'write',
  'period-targets.ts': 'write',
  'example-fill.ts': 'write',
  'examples.ts': 'command',
  'rules-doc.ts': 'command',
  'paths.ts': 'base',
};

const ALLOWED: Record<Layer, readonly Layer[]> = {
  base: ['base'],
  core: ['core'],
  xml: ['xml', 'core', 'base'],
  read: ['read', 'xml', 'core', 'base'],
  write: ['write', 'xml', 'core', 'base'],
  merge: ['merge', 'read', 'write', 'xml', 'core', 'base'],
  command: ['command', 'merge', 'read', 'write', 'xml', 'core', 'base'],
};

function layerOf(file: string): Layer | 'outside' {
  const rel = path.relative(ROOT, file);
  const parts = rel.split(path.sep);
  const [top] = parts;
  if (top === 'core') return 'core';
  if (top !== 'pipeline') return 'outside';
  // An import names a root module without its extension: pipeline/examples → examples.ts.
  const second = parts.length === 2 && !parts[1]!.endsWith('.ts') ? `${parts[1]}.ts` : parts[1];
  if (second && second.endsWith('.ts')) {
    const layer = ROOT_MODULES[second];
    if (!layer) throw new Error(`pipeline/${second}: give this root module a layer in ROOT_MODULES`);
    return layer;
  }
  if (second === 'xml' || second === 'read' || second === 'write' || second === 'merge') return second;
  if (second === 'cli' || second === 'bench') return 'command';
  throw new Error(`pipeline/${second}/: give this folder a layer`);
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : name.endsWith('.ts') ? [full] : [];
  });
}

const sources = files(PIPELINE).map((file) => ({ file, text: readFileSync(file, 'utf8') }));

test('every pipeline module has a layer', () => {
  expect(sources.length).toBeGreaterThan(50);
  for (const { file } of sources) expect([path.relative(ROOT, file), layerOf(file)]).not.toContain('outside');
});

test.each(sources.map((s) => [path.relative(ROOT, s.file), s.file, s.text] as const))(
  '%s imports only its own layer and those under it',
  (_name, file, text) => {
    const specifiers = [
      ...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g),
    ].map((m) => m[1] ?? m[2]!);
    const layer = layerOf(file) as Layer;
    const wrong = specifiers
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => ({ spec, to: layerOf(path.resolve(path.dirname(file), spec)) }))
      .filter(({ to }) => to === 'outside' || !ALLOWED[layer].includes(to));
    expect(wrong).toEqual([]);
  },
);

test('the rule is enforced: a write module importing the merge is caught', () => {
  const file = path.join(PIPELINE, 'write', 'consolidated', 'synthesis.ts');
  const to = layerOf(path.resolve(path.dirname(file), '../../merge/merge'));
  expect([layerOf(file), to, ALLOWED.write.includes(to as Layer)]).toEqual(['write', 'merge', false]);
});
