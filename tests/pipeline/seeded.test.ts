/**
 * Seeded mistakes, as data: each tests/fixtures/seeded/<case>/ edits a correct example workbook
 * (edits.json) and lists exactly the issues the validator must report (expected.json).
 */
import path from 'node:path';
import { validate } from '../../core/validate';
import { loadFrameworkFile } from '../../pipeline/framework-file';
import { readWorkbookFile } from '../../pipeline/read/xlsx';
import { applyEdits, issueKey, loadSeededCases, tempDir, writeExample } from '../fixtures/workbooks';

const framework = loadFrameworkFile();
const cases = loadSeededCases();
const tmp = tempDir('seeded');
afterAll(() => tmp.remove());

test('the seeded cases cover the usual mistakes', () => {
  expect(cases.length).toBeGreaterThanOrEqual(8);
  const rules = new Set(cases.flatMap((c) => c.expected.map((e) => e.ruleId)));
  for (const rule of [
    'required-value',
    'not-a-number',
    'number-as-text',
    'excel-error',
    'unexpected-formula',
    'sex-sum-mismatch',
    'date-outside-period',
    'commune-mismatch',
    'non-negative-integer',
    'unknown-period',
  ])
    expect(rules).toContain(rule);
});

test.each(cases.map((c) => [c.name, c] as const))('%s', async (name, seeded) => {
  const example = path.join(tmp.dir, `${name}.example.xlsx`);
  await writeExample(framework, seeded.commune, seeded.period, example);
  // The issues come from the edits alone: the example itself is clean.
  expect(validate(await readWorkbookFile(example), framework).issues).toEqual([]);

  const edited = path.join(tmp.dir, `${name}.xlsx`);
  await applyEdits(example, seeded.edits, edited);
  const report = validate(await readWorkbookFile(edited), framework);

  expect(report.issues.map(issueKey)).toEqual(seeded.expected);
  expect(report.valid).toBe(!seeded.expected.some((e) => e.severity === 'error'));
  expect(report.stats.errors).toBe(seeded.expected.filter((e) => e.severity === 'error').length);
  expect(report.stats.warnings).toBe(seeded.expected.filter((e) => e.severity === 'warning').length);
  expect(report.stats.acknowledged).toBe(seeded.expected.filter((e) => e.severity === 'info').length);
  expect(report.commune).toBe(seeded.commune);
});
