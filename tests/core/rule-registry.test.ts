/**
 * A rule file that RULES forgets never runs, and a registered rule whose file is named otherwise cannot be
 * found from its id: both directions are checked, as ESLint does for its own rules.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { RULES, RULES_BY_ID } from '../../core/rules/registry';

const RULES_DIR = path.resolve(__dirname, '..', '..', 'core', 'rules');
/** What core/rules/ holds besides the rules: the rule's types and helpers, and the registry. */
const NOT_RULES = ['registry.ts', 'rule.ts'];

const ruleFiles = readdirSync(RULES_DIR)
  .filter((f) => f.endsWith('.ts') && !NOT_RULES.includes(f))
  .sort();
const isRule = (value: unknown): value is { id: string } =>
  typeof value === 'object' && value !== null && 'id' in value && 'meta' in value && 'check' in value;
/** The rules a file exports (a file may also export helpers). */
const rulesExportedBy = (file: string) =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- every file of core/rules/, listed at run time: an import cannot list a folder
  Object.values(require(path.join(RULES_DIR, file)) as Record<string, unknown>).filter(isRule);

describe('core/rules/ and RULES', () => {
  it('finds the rule files', () => {
    expect(ruleFiles.length).toBeGreaterThan(20);
  });

  it.each(ruleFiles)('%s exports one rule, named after the file, and RULES holds it', (file) => {
    const exported = rulesExportedBy(file);
    expect(exported.map((r) => r.id)).toEqual([path.basename(file, '.ts')]);
    expect(RULES_BY_ID.get(exported[0]!.id)).toBe(exported[0]);
  });

  it.each(RULES.map((r) => r.id))('%s comes from the file of its name', (id) => {
    expect(ruleFiles).toContain(`${id}.ts`);
    expect(rulesExportedBy(`${id}.ts`)[0]).toBe(RULES_BY_ID.get(id));
  });

  it('has no other entry than the files and no duplicate', () => {
    expect(RULES.map((r) => `${r.id}.ts`).sort()).toEqual(ruleFiles);
    expect(RULES_BY_ID.size).toBe(RULES.length);
  });
});
