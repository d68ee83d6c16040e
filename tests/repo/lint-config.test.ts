/** What `npm test` enforces besides the tests: the lint rules reach every folder, and the Office rules the add-in. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const FILES = [
  'core/validate.ts',
  'pipeline/cli/merge.ts',
  'addin/excel/reader.ts',
  'addin/excel/highlighter.ts',
  'tests/repo/lint-config.test.ts',
];

interface RuleConfigs {
  rules?: Record<string, unknown>;
}
const ruleOn = (config: RuleConfigs, id: string): boolean => {
  const setting = config.rules?.[id];
  const level: unknown = Array.isArray(setting) ? setting[0] : setting;
  return level === 2 || level === 'error' || level === 1 || level === 'warn';
};
// The config is an ES module, which Jest's CommonJS runtime cannot import: ESLint resolves it in a child process.
const RESOLVE = `
  const { ESLint } = require('eslint');
  const eslint = new ESLint({ cwd: process.cwd() });
  Promise.all(JSON.parse(process.argv[1]).map((f) => eslint.calculateConfigForFile(f)))
    .then((configs) => process.stdout.write(JSON.stringify(configs.map((c) => ({ rules: c.rules })))));
`;
const configs = new Map<string, RuleConfigs>();
beforeAll(() => {
  const out = execFileSync(process.execPath, ['-e', RESOLVE, JSON.stringify(FILES)], { cwd: ROOT, encoding: 'utf8' });
  (JSON.parse(out) as RuleConfigs[]).forEach((config, i) => configs.set(FILES[i]!, config));
});
const configFor = (file: string): RuleConfigs => {
  const config = configs.get(file);
  if (!config) throw new Error(`${file} is not in FILES`);
  return config;
};

describe('lint configuration (eslint.config.mjs)', () => {
  it.each(['core/validate.ts', 'pipeline/cli/merge.ts', 'addin/excel/reader.ts', 'tests/repo/lint-config.test.ts'])(
    'checks %s with the type-checked rules',
    (file) => {
      const config = configFor(file);
      expect(ruleOn(config, '@typescript-eslint/no-floating-promises')).toBe(true);
      expect(ruleOn(config, '@typescript-eslint/no-unsafe-assignment')).toBe(true);
    },
  );

  it.each(['addin/excel/highlighter.ts', 'core/validate.ts'])('checks %s with the Office add-in rules', (file) => {
    const config = configFor(file);
    expect(ruleOn(config, 'office-addins/no-context-sync-in-loop')).toBe(true);
    expect(ruleOn(config, 'office-addins/load-object-before-read')).toBe(true);
  });

  it('lets Prettier alone decide the layout (no formatting rule of the Office preset)', () => {
    const config = configFor('addin/excel/reader.ts');
    expect(ruleOn(config, 'prettier/prettier')).toBe(false);
  });

  it('is run by npm test, with the format check, before the tests', () => {
    const scripts = (
      JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    const steps = scripts.test!.split('&&').map((s) => s.trim());
    expect(steps).toEqual(['npm run typecheck', 'npm run lint', 'npm run format:check', 'jest']);
    expect(scripts.lint).toMatch(/^eslint\b.*--max-warnings 0/);
    expect(scripts['format:check']).toMatch(/^prettier --check\b/);
  });
});
