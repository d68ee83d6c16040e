/**
 * The README's promise: when the reconciliation finds a total of the workbook that does not match the
 * accepted files, the merge writes nothing (no workbook, no CSV) and exits 2 with one line saying so.
 * A sound consolidation never disagrees with its inputs, so the reconciliation is replaced in this file
 * only by one that reports a discrepancy; the rest of the merge runs for real on the bundled examples.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Discrepancy } from '../../core/consolidate/reconcile';
import { copyExamples, mergeCli, mergeJson, sha256, tempDir } from '../helpers/merge-fixtures';

let mockDiscrepancies: Discrepancy[] | null = null;
jest.mock('../../core/consolidate/reconcile', () => {
  const actual = jest.requireActual<typeof import('../../core/consolidate/reconcile')>(
    '../../core/consolidate/reconcile',
  );
  return {
    ...actual,
    reconcile: (...args: Parameters<typeof actual.reconcile>) => mockDiscrepancies ?? actual.reconcile(...args),
  };
});

const tmp = tempDir('merge-reconcile-refusal');
afterAll(() => tmp.remove());
const examples = path.join(tmp.dir, 'examples');
beforeAll(() => copyExamples(examples));
afterEach(() => {
  mockDiscrepancies = null;
});

const TWO: Discrepancy[] = [
  { section: 'indicators', code: 'R1.1.1', what: 'total', expected: 80, found: 81 },
  { section: 'budget', code: 'BUD-2', what: 'total', expected: 10, found: 0 },
];

function outputs(name: string) {
  const dir = path.join(tmp.dir, name);
  return { dir, output: path.join(dir, 'consolidation.xlsx'), csv: path.join(dir, 'donnees.csv') };
}

test('control: with the real reconciliation the same merge writes both files', async () => {
  const { output, csv } = outputs('control');
  const cli = await mergeCli(['--input', examples, '--output', output, '--csv', csv]);
  expect(cli.code).toBe(0);
  expect([existsSync(output), existsSync(csv)]).toEqual([true, true]);
});

test('a discrepancy: exit 2, neither --output nor --csv written, one French line naming the first difference', async () => {
  mockDiscrepancies = TWO;
  const { dir, output, csv } = outputs('fr');
  const before = readdirSync(examples).sort();
  const cli = await mergeCli(['--input', examples, '--output', output, '--csv', csv]);
  expect(cli.code).toBe(2);
  expect(existsSync(output)).toBe(false);
  expect(existsSync(csv)).toBe(false);
  // No temporary file left either, and nothing added to the input folder.
  expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  expect(readdirSync(examples).sort()).toEqual(before);
  const errors = cli.stderr.split('\n').filter((l) => l.includes('RAPPROCHEMENT'));
  expect(errors).toEqual([
    'Erreur : RAPPROCHEMENT ÉCHOUÉ : 2 total(aux) du classeur ne correspondent pas aux fichiers acceptés (indicators R1.1.1 total: 80 ≠ 81). Rien n’a été écrit.',
  ]);
  expect(cli.stderr.trimEnd().split('\n').at(-1)).toBe(errors[0]);
});

test('in English: the same refusal, one English line', async () => {
  mockDiscrepancies = TWO.slice(0, 1);
  const { output, csv } = outputs('en');
  const cli = await mergeCli(['--input', examples, '--output', output, '--csv', csv, '--lang', 'en']);
  expect(cli.code).toBe(2);
  expect([existsSync(output), existsSync(csv)]).toEqual([false, false]);
  expect(cli.stderr.trimEnd().split('\n').at(-1)).toBe(
    'Error: RECONCILIATION FAILED: 1 total(s) of the workbook do not match the accepted files (indicators R1.1.1 total: 80 ≠ 81). Nothing was written.',
  );
});

test('a re-run refused by the reconciliation touches nothing: last run’s files stay as they were', async () => {
  const { output, csv } = outputs('rerun');
  expect((await mergeCli(['--input', examples, '--output', output, '--csv', csv])).code).toBe(0);
  const before = [sha256(output), sha256(csv)];
  mockDiscrepancies = TWO;
  const cli = await mergeCli(['--input', examples, '--output', output, '--csv', csv]);
  expect(cli.code).toBe(2);
  // « Rien n’a été écrit » holds literally: neither replaced nor removed (unlike a failed write, which removes them).
  expect([sha256(output), sha256(csv)]).toEqual(before);
});

test('--json: the summary says exitCode 2, no output, the problem and every discrepancy', async () => {
  mockDiscrepancies = TWO;
  const { output, csv } = outputs('json');
  const { cli, summary } = await mergeJson(['--input', examples, '--output', output, '--csv', csv]);
  expect(cli.code).toBe(2);
  expect(summary).toMatchObject({ exitCode: 2, output: null, csv: null, problem: { id: 'reconciliation' } });
  expect((summary as unknown as { discrepancies: Discrepancy[] }).discrepancies).toEqual(TWO);
  expect([existsSync(output), existsSync(csv)]).toEqual([false, false]);
});
