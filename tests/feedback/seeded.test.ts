/**
 * `validate --feedback DIR` on every seeded mistake: each file's « À corriger » lists exactly the
 * validator's report (same count, same cells, same words), in fixing order; each cell links to the
 * same cell of a read-only view where it is filled and noted; every sheet is protected without a
 * password; the short message fits a WhatsApp; LibreOffice and openpyxl open every workbook.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { SHEET_NAMES } from '../../core/layout/contract';
import { SEVERITY_FILLS } from '../../core/severity-fills';
import type { JsonReport } from '../../pipeline/cli/print-report';
import { run } from '../../pipeline/cli/validate';
import { loadFrameworkFile } from '../../pipeline/framework-file';
import { runCli } from '../cli/capture';
import { applyEdits, loadSeededCases, sha256, tempDir, writeExample } from '../fixtures/workbooks';
import {
  firstSheetTexts,
  packageFacts,
  readBook,
  splitLocation,
  toFixRows,
  type FeedbackJson,
  type PackageFacts,
} from '../helpers/feedback';

const framework = loadFrameworkFile();
const cases = loadSeededCases();
const tmp = tempDir('feedback-seeded');
afterAll(() => tmp.remove());

const dir = path.join(tmp.dir, 'retours');
const files: string[] = [];
let report: JsonReport & { feedback: FeedbackJson };
let before: Map<string, string>;

beforeAll(async () => {
  mkdirSync(path.join(tmp.dir, 'recus'));
  for (const c of cases) {
    const base = path.join(tmp.dir, `base_${c.commune}_${c.period}.xlsx`);
    if (!existsSync(base)) await writeExample(framework, c.commune, c.period, base);
    const file = path.join(tmp.dir, 'recus', `${c.name}.xlsx`);
    await applyEdits(base, c.edits, file);
    files.push(file);
  }
  before = new Map(files.map((f) => [f, sha256(f)]));
  const result = await runCli(run, ['--json', '--feedback', dir, ...files]);
  expect(result.code).toBe(1);
  report = JSON.parse(result.stdout) as typeof report;
}, 120_000);

const entryOf = (file: string) => report.feedback.sources.find((s) => s.file === file)!;
const workbookOf = (file: string) =>
  path.join(
    dir,
    entryOf(file).written.find((w) => w.endsWith('.xlsx'))!,
  );

test('the inputs are left as they were', () => {
  for (const f of files) expect([f, sha256(f)]).toEqual([f, before.get(f)]);
});

test('every file read gets a workbook and a message, named after its commune and period', () => {
  expect(report.feedback.sources).toHaveLength(files.length);
  for (const file of files) {
    const entry = entryOf(file);
    const commune = framework.communes.find((c) => c.code === entry.commune);
    expect([file, commune]).toEqual([file, expect.anything()]);
    expect(entry.written[0]).toMatch(new RegExp(`^retour_${entry.commune}_${commune!.name}_${entry.period ?? '.*'}`));
    for (const w of entry.written) expect([w, existsSync(path.join(dir, w))]).toEqual([w, true]);
  }
});

test.each(cases.map((c) => [c.name] as const))(
  '%s: « À corriger » is the validator’s report, in fixing order',
  async (name) => {
    const file = files.find((f) => path.basename(f, '.xlsx') === name)!;
    const json = report.files.find((f) => f.file === file)!;
    if (!('issues' in json)) throw new Error(`${file} could not be read`);
    const rows = toFixRows(await readBook(workbookOf(file)));
    expect(rows).toHaveLength(json.issues.length);
    const key = (sheet: string | null, cell: string | null, message: string) =>
      `${sheet ?? '(classeur)'}|${cell ?? ''}|${message}`;
    expect(rows.map((r) => key(r.sheet === 'classeur' ? null : r.sheet, r.cell || null, r.message)).sort()).toEqual(
      json.issues.map((i) => key(i.sheet, i.address, i.message)).sort(),
    );
    // Errors, then warnings, then what is noted; each by the template's sheet order, then row.
    const group = (label: string) => ['Erreur', 'Avertissement', 'Noté'].indexOf(label);
    const sheetRank = (s: string) => Object.values(SHEET_NAMES).indexOf(s as never);
    const rowOf = (cell: string) => Number(/\d+$/.exec(cell)?.[0] ?? 0);
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1]!, rows[i]!];
      const order =
        group(a.label) - group(b.label) || sheetRank(a.sheet) - sheetRank(b.sheet) || rowOf(a.cell) - rowOf(b.cell);
      expect([name, a, b, order <= 0]).toEqual([name, a, b, true]);
    }
    expect(rows.map((r) => r.n)).toEqual(rows.map((_, i) => i + 1));
    expect(entryOf(file).verdict).toBe(json.valid ? (json.stats.warnings > 0 ? 'remarks' : 'accepted') : 'refused');
  },
);

test.each(cases.map((c) => [c.name] as const))(
  '%s: each cell links to the same cell of its view, filled and noted; every sheet is protected',
  async (name) => {
    const file = files.find((f) => path.basename(f, '.xlsx') === name)!;
    const json = report.files.find((f) => f.file === file)!;
    if (!('issues' in json)) throw new Error(`${file} could not be read`);
    const book = workbookOf(file);
    const facts: PackageFacts = await packageFacts(book);
    const wb = await readBook(book);
    expect(facts.sheets[0]).toBe('À corriger');
    // The views: the commune file's visible sheets, same names.
    expect(facts.sheets.slice(1)).toEqual(
      expect.arrayContaining([SHEET_NAMES.identification, SHEET_NAMES.indicators, SHEET_NAMES.budget]),
    );
    for (const [sheet, protection] of facts.protection) {
      expect([sheet, protection?.sheet]).toEqual([sheet, '1']);
      expect([sheet, protection?.hashValue, protection?.password]).toEqual([sheet, undefined, undefined]);
    }
    const located = json.issues.filter((i) => i.sheet !== null && i.address !== null && facts.sheets.includes(i.sheet));
    // One link per listed cell, inside the workbook (a location, no relationship), to an existing sheet.
    expect(facts.links).toHaveLength(located.length);
    for (const link of facts.links) {
      expect(link.rid).toBeUndefined();
      const target = splitLocation(link.location!);
      expect(facts.sheets).toContain(target.sheet);
      const row = wb.worksheets[0]!.getCell(link.ref);
      expect(row.text).toBe(target.address);
    }
    for (const issue of located) {
      const cell = wb.getWorksheet(issue.sheet!)!.getCell(issue.address!);
      const note = typeof cell.note === 'string' ? cell.note : (cell.note?.texts ?? []).map((t) => t.text).join('');
      expect([issue.address, note]).toEqual([issue.address, expect.stringContaining(issue.message)]);
      const fill = cell.fill?.type === 'pattern' ? cell.fill.fgColor?.argb : undefined;
      const colours = Object.values(SEVERITY_FILLS).map((c) => `FF${c.slice(1)}`);
      expect([issue.address, colours.includes(fill ?? '')]).toEqual([issue.address, true]);
      if (issue.severity === 'error') expect(fill).toBe(`FF${SEVERITY_FILLS.error.slice(1)}`);
    }
  },
);

test('each short message is under 600 characters and names the commune, the period and the first cells', () => {
  for (const file of files) {
    const entry = entryOf(file);
    const text = readFileSync(
      path.join(
        dir,
        entry.written.find((w) => w.endsWith('.txt'))!,
      ),
      'utf8',
    );
    expect([file, text.length < 600]).toEqual([file, true]);
    expect(text).toContain(entry.communeName!);
    if (entry.period) expect(text).toContain(entry.period);
    const json = report.files.find((f) => f.file === file)!;
    const first = 'issues' in json ? json.issues.find((i) => i.address && i.severity === 'error') : undefined;
    if (first) expect(text).toContain(`${first.sheet}!${first.address}`);
  }
});

test('index.txt lists what was written for whom', () => {
  const index = readFileSync(path.join(dir, 'index.txt'), 'utf8');
  for (const entry of report.feedback.sources) for (const w of entry.written) expect(index).toContain(w);
});

test('LibreOffice converts every feedback workbook to PDF, and openpyxl opens them', () => {
  const books = report.feedback.sources.flatMap((s) => s.written.filter((w) => w.endsWith('.xlsx')));
  const pdf = path.join(tmp.dir, 'pdf');
  const lo = spawnSync(
    '/usr/bin/soffice',
    [
      `-env:UserInstallation=file://${path.join(tmp.dir, 'lo')}`,
      '--headless',
      '--norestore',
      '--convert-to',
      'pdf',
      '--outdir',
      pdf,
      ...books.map((b) => path.join(dir, b)),
    ],
    { encoding: 'utf8', timeout: 110_000 },
  );
  expect(lo.status).toBe(0);
  for (const b of books) {
    const out = path.join(pdf, `${path.basename(b, '.xlsx')}.pdf`);
    expect([b, existsSync(out) && readFileSync(out).subarray(0, 5).toString('latin1')]).toEqual([b, '%PDF-']);
  }
  const py = spawnSync(
    '/usr/bin/python3',
    [
      '-c',
      'import sys, openpyxl\nfor f in sys.argv[1:]:\n    wb = openpyxl.load_workbook(f)\n    print(wb.sheetnames[0], len(wb.sheetnames))',
      ...books.map((b) => path.join(dir, b)),
    ],
    { encoding: 'utf8' },
  );
  expect(py.stderr).toBe('');
  expect(py.status).toBe(0);
  expect(py.stdout.trim().split('\n')).toHaveLength(books.length);
}, 120_000);

test('the first lines say the verdict, that the workbook is a read-only view, and to resend only a refused file', async () => {
  for (const file of files) {
    const texts = firstSheetTexts(await readBook(workbookOf(file)));
    const verdict = entryOf(file).verdict;
    const sentence = {
      accepted: 'Fichier accepté : aucun problème',
      remarks: 'Fichier accepté avec remarques',
      refused: 'Fichier refusé — à renvoyer',
    }[verdict];
    expect([file, texts[1]]).toEqual([file, expect.stringContaining(sentence!)]);
    // A refused file is to fix and send again; an accepted one is not to be sent again unless a figure was wrong.
    const readOnly =
      verdict === 'refused'
        ? `vue en lecture seule : ne le modifiez pas et ne le renvoyez pas. Corrigez votre fichier original (${path.basename(file)}), puis envoyez-le à nouveau.`
        : `vue en lecture seule de votre fichier (${path.basename(file)}), accepté : ne le modifiez pas et ne le renvoyez pas.`;
    expect(texts.slice(0, 5).join('\n')).toContain(readOnly);
  }
});

test('a warning explained in Commentaire is listed as noted, with the comment given', async () => {
  const file = files.find((f) => path.basename(f) === 'over-achievement-explained.xlsx')!;
  const rows = toFixRows(await readBook(workbookOf(file)));
  expect(rows).toEqual([
    expect.objectContaining({
      label: 'Noté',
      cell: 'F2',
      todo: 'Rien à faire : noté, avec votre commentaire « Session supplémentaire financée par la mairie ».',
    }),
  ]);
  expect(entryOf(file).verdict).toBe('accepted');
});

test('the views hold the values as read, at the same addresses as the original, printed on A4', async () => {
  for (const name of ['not-a-number', 'ref-error', 'date-outside-period']) {
    const file = files.find((f) => path.basename(f, '.xlsx') === name)!;
    const original = await readBook(file);
    const view = await readBook(workbookOf(file));
    for (const sheet of [SHEET_NAMES.identification, SHEET_NAMES.indicators, SHEET_NAMES.budget]) {
      const ws = view.getWorksheet(sheet)!;
      expect(ws.pageSetup.paperSize).toBe(9);
      original.getWorksheet(sheet)!.eachRow((row) =>
        row.eachCell((cell) => {
          const shown = (v: ExcelJS.CellValue): unknown => {
            if (v instanceof Date) return v.toISOString().slice(0, 10);
            if (v && typeof v === 'object' && 'result' in v) return shown(v.result);
            if (v && typeof v === 'object' && 'error' in v) return v.error;
            if (v && typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
            return v;
          };
          const expected = shown(cell.value);
          if (expected === null || expected === undefined || expected === '') return;
          expect([name, sheet, cell.address, shown(ws.getCell(cell.address).value)]).toEqual([
            name,
            sheet,
            cell.address,
            typeof expected === 'string' ? (expected.trim() === expected ? expected : expect.any(String)) : expected,
          ]);
        }),
      );
    }
    expect(view.worksheets[0]!.pageSetup.paperSize).toBe(9);
  }
});
