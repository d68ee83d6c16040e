/**
 * A workbook made from the previous framework version (1.0.0, before the targets per period) is refused
 * by template-mismatch, end to end on a real .xlsx: one clear error naming both versions and saying to
 * copy the figures into the new template, in `validate` and in `merge` (its file refused, the others kept).
 */
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { renderIssue } from '../../core/messages';
import { validate } from '../../core/validate';
import { planTemplate, templateFileName } from '../../core/layout/plan';
import { TEMPLATE_VERSION } from '../../core/layout/contract';
import { run as validateCli } from '../../pipeline/cli/validate';
import { exampleFill } from '../../pipeline/examples';
import { readWorkbookFile } from '../../pipeline/read/xlsx';
import { writeTemplateFile } from '../../pipeline/templates';
import { lines, runCli } from '../cli/capture';
import { copyExamples, framework, mergeJson, readWorkbook, sheet, tempDir } from '../helpers/merge-fixtures';

const tmp = tempDir('old-version');
afterAll(() => tmp.remove());

const OLD = '1.0.0';
const CURRENT = framework.version;
const FR = `Ce classeur a été fait avec le modèle de la version ${OLD} du cadre de résultats, or la version en cours est ${CURRENT} : il ne peut pas être consolidé. Recopiez vos chiffres dans le modèle de votre commune de la version ${CURRENT}.`;
const EN = `This workbook was made from the template of version ${OLD} of the results framework, but the current version is ${CURRENT}: it cannot be consolidated. Copy your figures into your commune’s template of version ${CURRENT}.`;

let folder: string;
let oldFile: string;
const oldName = templateFileName(
  framework,
  framework.communes.find((c) => c.code === 'BAR')!,
  '_2023',
);

beforeAll(async () => {
  folder = path.join(tmp.dir, 'in');
  mkdirSync(folder, { recursive: true });
  copyExamples(folder, ['BAR']);
  // Bara's report, correctly filled, but on the template the previous framework version generated.
  const previous = { ...structuredClone(framework), version: OLD };
  oldFile = path.join(folder, oldName);
  await writeTemplateFile(previous, planTemplate(previous, 'BAR'), oldFile, exampleFill(previous, 'BAR', '2023'));
});

test('the workbook really is of the previous version (its _meta says 1.0.0, template version unchanged)', async () => {
  expect(CURRENT).not.toBe(OLD);
  const meta = sheet(await readWorkbook(oldFile), '_meta');
  expect([meta.getCell('B1').value, meta.getCell('B2').value, meta.getCell('B4').text]).toEqual([
    framework.id,
    OLD,
    TEMPLATE_VERSION,
  ]);
});

test('validate: exactly one error, template-mismatch, naming both versions', async () => {
  const report = validate(await readWorkbookFile(oldFile), framework);
  expect(report.valid).toBe(false);
  expect(report.issues.filter((i) => i.severity === 'error').map((i) => [i.ruleId, i.messageId, i.params])).toEqual([
    ['template-mismatch', 'outdatedFramework', { found: OLD, expected: CURRENT }],
  ]);
  expect(
    renderIssue(
      report.issues.find((i) => i.ruleId === 'template-mismatch')!,
      'fr',
    ),
  ).toBe(FR);
  expect(
    renderIssue(
      report.issues.find((i) => i.ruleId === 'template-mismatch')!,
      'en',
    ),
  ).toBe(EN);
});

test('the validate command prints the message and exits 1', async () => {
  const fr = await runCli(validateCli, [oldFile]);
  expect(fr.code).toBe(1);
  expect(lines(fr.stdout).filter((l) => l.includes(FR))).toHaveLength(1);
  const en = await runCli(validateCli, ['--lang', 'en', oldFile]);
  expect(lines(en.stdout).filter((l) => l.includes(EN))).toHaveLength(1);
});

test('merge: the old file is refused with that message, the current ones are consolidated', async () => {
  const { cli, summary } = await mergeJson(['--input', folder, '--output', path.join(tmp.dir, 'out.xlsx')]);
  expect(cli.code).toBe(1);
  const old = summary.sources.find((s) => s.file === oldName)!;
  expect([old.status, old.errors]).toEqual(['rejected', 1]);
  expect(
    summary.issues.filter((i) => i.file === oldName && i.severity === 'error').map((i) => [i.ruleId, i.message]),
  ).toEqual([['template-mismatch', FR]]);
  expect(summary.sources.filter((s) => s.status === 'accepted')).toHaveLength(3);
});
