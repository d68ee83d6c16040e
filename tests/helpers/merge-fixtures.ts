/**
 * Fixtures and readers for the end-to-end tests of `npm run merge` (tests/merge/): commune workbooks
 * written to a temporary folder, the CLI run in-process, and the consolidated workbook read back with
 * exceljs, by sheet name and header text (never by position).
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { periodTarget } from '../../core/framework/periods';
import { isPeople, type AggregationRule, type Framework } from '../../core/framework/schema';
import { planTemplate, templateFileName } from '../../core/layout/plan';
import { run } from '../../pipeline/cli/merge';
import { EXAMPLES_DIR, exampleFill } from '../../pipeline/examples';
import { loadFrameworkFile } from '../../pipeline/framework-file';
import { writeTemplateFile, type Fill } from '../../pipeline/templates';
import { runCli, type CliResult } from '../cli/capture';

export { STACK_LINE } from '../cli/capture';

export { tempDir } from '../fixtures/workbooks';
export type { Fill } from '../../pipeline/templates';

export const framework: Framework = loadFrameworkFile();
export const COMMUNES = framework.communes.map((c) => c.code);
export const BUNDLED_EXAMPLES = EXAMPLES_DIR;

/** The seed report's « Résultats atteints », indicator by indicator (../shared/seed/fiche-projet-ensemble-gao.txt). */
export const SEED_ACHIEVED: Readonly<Record<string, number>> = {
  'R1.1.1': 100,
  'R1.1.2': 100,
  'R1.2.1': 50,
  'R2.2.1': 5,
  'R2.2.2': 4,
  'R3.1.1': 4,
  'R3.1.2': 200,
  'R3.2.1': 200,
  'R3.3.1': 4,
  'R4.1.1': 8,
  'R4.2.1': 8,
  'R4.2.2': 4,
  'R4.3.1': 8,
};
export const SEED_BUDGET = 96303057;
export const SEED_PARTNER = 'Plan International Mali';
export const ALL_DONE = 'Toutes les activités prévues ont été réalisées.';

export function communeName(code: string): string {
  return framework.communes.find((c) => c.code === code)!.name;
}

/** The numbers of one correctly filled report, as the tidy rows the merge must give (one per number). */
export interface ExpectedPoint {
  commune: string;
  section: 'Indicateurs' | 'Budget' | 'Bénéficiaires';
  code: string;
  disaggregation: 'Total' | 'Femmes' | 'Hommes';
  planned: number | null;
  achieved: number;
}

/** Every number of `fill` for a commune, computed from the framework and the fill alone (not from extract()). */
export function expectedPoints(code: string, fill: Fill): ExpectedPoint[] {
  const name = communeName(code);
  const num = (key: string): number => {
    const v = fill[key];
    if (typeof v !== 'number') throw new Error(`${key}: no number in the fill`);
    return v;
  };
  // Prévu is the period's own target (null: « cible non définie »), as the reader gives it.
  const period = String(fill['identification:period'] ?? '');
  const target = (targets: Record<string, Record<string, number>>, rule: AggregationRule) =>
    framework.periods.some((p) => p.label === period)
      ? periodTarget(framework.periods, targets, code, rule, period)
      : null;
  const out: ExpectedPoint[] = [];
  for (const ind of framework.indicators) {
    out.push({
      commune: name,
      section: 'Indicateurs',
      code: ind.code,
      disaggregation: 'Total',
      planned: target(ind.periodTargets, ind.aggregation.periods),
      achieved: num(`indicators:${ind.code}:achieved`),
    });
    if (isPeople(ind)) {
      out.push({
        commune: name,
        section: 'Indicateurs',
        code: ind.code,
        disaggregation: 'Femmes',
        planned: null,
        achieved: num(`indicators:${ind.code}:women`),
      });
      out.push({
        commune: name,
        section: 'Indicateurs',
        code: ind.code,
        disaggregation: 'Hommes',
        planned: null,
        achieved: num(`indicators:${ind.code}:men`),
      });
    }
  }
  for (const line of framework.budgetLines)
    out.push({
      commune: name,
      section: 'Budget',
      code: line.code,
      disaggregation: 'Total',
      planned: target(line.periodPlanned, 'sum'),
      achieved: num(`budget:${line.code}:spent`),
    });
  for (const cat of framework.beneficiaries) {
    const planned = target(cat.periodTargets, cat.aggregation.periods);
    if (isPeople(cat)) {
      const women = num(`beneficiaries:${cat.code}:women`);
      const men = num(`beneficiaries:${cat.code}:men`);
      out.push({
        commune: name,
        section: 'Bénéficiaires',
        code: cat.code,
        disaggregation: 'Total',
        planned,
        achieved: women + men,
      });
      out.push({
        commune: name,
        section: 'Bénéficiaires',
        code: cat.code,
        disaggregation: 'Femmes',
        planned: null,
        achieved: women,
      });
      out.push({
        commune: name,
        section: 'Bénéficiaires',
        code: cat.code,
        disaggregation: 'Hommes',
        planned: null,
        achieved: men,
      });
    } else
      out.push({
        commune: name,
        section: 'Bénéficiaires',
        code: cat.code,
        disaggregation: 'Total',
        planned,
        achieved: num(`beneficiaries:${cat.code}:total`),
      });
  }
  return out;
}

/** How many numbers one report holds, from the framework alone. */
export function pointsPerReport(): number {
  const people = (items: readonly { unit: string }[]) => items.filter((i) => isPeople(i)).length;
  return (
    framework.indicators.length +
    2 * people(framework.indicators) +
    framework.budgetLines.length +
    framework.beneficiaries.length +
    2 * people(framework.beneficiaries)
  );
}

// ---------------------------------------------------------------------------------------------
// Input files
// ---------------------------------------------------------------------------------------------

export interface CommuneFile {
  period?: string;
  /** Input values that replace the example's (by input key: `indicators:R4.3.1:achieved` …). */
  fill?: Fill;
  /** File name inside the folder; default: the template's own name with `_<period>`. */
  name?: string;
}

/** The example fill of a commune with overrides applied. */
export function fillFor(code: string, period = '2023', overrides: Fill = {}): Fill {
  return { ...exampleFill(framework, code, period), ...overrides };
}

/** A correctly filled commune workbook (the generator's example), with optional changes; returns its path. */
export async function writeCommune(dir: string, code: string, options: CommuneFile = {}): Promise<string> {
  const period = options.period ?? '2023';
  const commune = framework.communes.find((c) => c.code === code)!;
  const file = path.join(dir, options.name ?? templateFileName(framework, commune, `_${period}`));
  mkdirSync(path.dirname(file), { recursive: true });
  await writeTemplateFile(framework, planTemplate(framework, code), file, fillFor(code, period, options.fill));
  return file;
}

/** The bundled examples copied into `dir`, except the communes listed. Returns the copies. */
export function copyExamples(dir: string, except: readonly string[] = []): string[] {
  mkdirSync(dir, { recursive: true });
  return readdirSync(BUNDLED_EXAMPLES)
    .filter((f) => f.endsWith('.xlsx') && !except.some((code) => f.includes(`_${code}_`)))
    .map((f) => {
      copyFileSync(path.join(BUNDLED_EXAMPLES, f), path.join(dir, f));
      return path.join(dir, f);
    });
}

export function bundledExample(code: string): string {
  const file = readdirSync(BUNDLED_EXAMPLES).find((f) => f.includes(`_${code}_`) && f.endsWith('.xlsx'));
  if (!file) throw new Error(`no bundled example for ${code}`);
  return path.join(BUNDLED_EXAMPLES, file);
}

export function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Name → SHA-256 of every file directly in a folder. */
export function hashFolder(dir: string): Map<string, string> {
  return new Map(
    readdirSync(dir)
      .filter((f) => statSync(path.join(dir, f)).isFile())
      .sort()
      .map((f) => [f, sha256(path.join(dir, f))]),
  );
}

/** A real workbook cut to half its bytes, as an interrupted download or a full USB stick leaves it. */
export function truncateToHalf(source: string, target: string): void {
  const bytes = readFileSync(source);
  writeFileSync(target, bytes.subarray(0, Math.floor(bytes.length / 2)));
}

// ---------------------------------------------------------------------------------------------
// Tidy CSV input
// ---------------------------------------------------------------------------------------------

/** The tidy table's header as the merge writes it since targets per period; TIDY_HEADER_V1: its first ten columns, as before. */
export const TIDY_HEADER = [
  'Période',
  'Commune',
  'Cercle',
  'Section',
  'Code',
  'Libellé',
  'Désagrégation',
  'Prévu',
  'Réalisé',
  'Source',
  'Début de période',
  'Fin de période',
  'Cible fin de projet',
  'Référence',
  'Année de référence',
];

export const TIDY_HEADER_V1 = TIDY_HEADER.slice(0, 10);

const SEPARATORS = [' ', '\u00a0', '\u202f'];

/** 1250000 → « 1 250 000 » with a space, a no-break space or a narrow no-break space, as French Excel exports. */
export function frenchNumber(n: number, separator = ' '): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** The tidy rows (header first) of one commune's fill, numbers written the French way. */
export function tidyRowsOf(code: string, period: string, fill: Fill): string[][] {
  const commune = framework.communes.find((c) => c.code === code)!;
  const labels = new Map<string, string>([
    ...framework.indicators.map((i) => [`Indicateurs:${i.code}`, i.label] as const),
    ...framework.budgetLines.map((b) => [`Budget:${b.code}`, b.label] as const),
    ...framework.beneficiaries.map((b) => [`Bénéficiaires:${b.code}`, b.label] as const),
  ]);
  // The ten columns a hand-made or KoboToolbox table has (and every table before targets per period).
  const rows = [TIDY_HEADER_V1];
  expectedPoints(code, fill).forEach((p, i) => {
    const sep = SEPARATORS[i % SEPARATORS.length]!;
    rows.push([
      period,
      commune.name,
      commune.cercle,
      p.section,
      p.code,
      labels.get(`${p.section}:${p.code}`)!,
      p.disaggregation,
      p.planned === null ? '' : frenchNumber(p.planned, sep),
      frenchNumber(p.achieved, sep),
      'saisie KoboToolbox',
    ]);
  });
  return rows;
}

/** `;`-separated text with a UTF-8 BOM and CRLF, quoting only what needs it. */
export function csvText(rows: readonly (readonly string[])[], delimiter = ';'): string {
  const field = (v: string) => (/[";\r\n,]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `\uFEFF${rows.map((r) => r.map(field).join(delimiter)).join('\r\n')}\r\n`;
}

// ---------------------------------------------------------------------------------------------
// Running the CLI
// ---------------------------------------------------------------------------------------------

/** `npm run merge -- …argv`, in-process, stdout and stderr captured. */
export function mergeCli(argv: string[]): Promise<CliResult> {
  return runCli(run, argv);
}

export interface JsonSummary {
  exitCode: number;
  output: string | null;
  csv: string | null;
  problem: { id: string; message: string } | null;
  refusedByStrict: boolean;
  communes: { code: string; name: string; received: boolean; sources: string[] }[];
  sources: {
    file: string;
    commune: string | null;
    period: string | null;
    status: string;
    sha256: string | null;
    reasonText: string | null;
    errors: number;
  }[];
  issues: {
    file: string;
    ruleId: string;
    severity: string;
    sheet: string | null;
    row: number | null;
    column: number | null;
    address: string | null;
    message: string;
  }[];
  indicators: { code: string; planned: number; achieved: number | null; women: number | null; men: number | null }[];
}

export async function mergeJson(argv: string[]): Promise<{ cli: CliResult; summary: JsonSummary }> {
  const cli = await mergeCli([...argv, '--json']);
  return { cli, summary: JSON.parse(cli.stdout) as JsonSummary };
}

// ---------------------------------------------------------------------------------------------
// Reading the consolidated workbook
// ---------------------------------------------------------------------------------------------

export type Scalar = string | number | boolean | Date | null;

export async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

export function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = workbook.getWorksheet(name);
  if (!ws) throw new Error(`no sheet « ${name} » in ${workbook.worksheets.map((w) => w.name).join(', ')}`);
  return ws;
}

function isFormulaValue(v: ExcelJS.CellValue): v is ExcelJS.CellFormulaValue {
  return typeof v === 'object' && v !== null && !(v instanceof Date) && ('formula' in v || 'sharedFormula' in v);
}

/** The formula of a cell (without `=`), or null. */
export function formulaOf(cell: ExcelJS.Cell): string | null {
  return isFormulaValue(cell.value) ? (cell.formula ?? cell.value.formula ?? null) : null;
}

/** What a viewer shows: the cached result of a formula, the text of rich text, the value otherwise. */
export function shown(cell: ExcelJS.Cell): Scalar {
  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (isFormulaValue(v)) {
    // Not v.result: exceljs' value getter drops a cached result that is falsy (0, ""); cell.result keeps it.
    const r = cell.result as unknown;
    if (r === undefined || r === null) return null;
    if (typeof r === 'object' && !(r instanceof Date)) return `#${String((r as { error?: string }).error ?? '?')}`;
    return r as Scalar;
  }
  if (typeof v === 'object' && !(v instanceof Date)) {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('error' in v) return String(v.error);
  }
  return v as Scalar;
}

/** Header text → column number, from one header row. */
export function headers(ws: ExcelJS.Worksheet, row: number): Map<string, number> {
  const out = new Map<string, number>();
  ws.getRow(row).eachCell((cell, col) => {
    const text = shown(cell);
    if (typeof text === 'string' && text !== '' && !out.has(text)) out.set(text, col);
  });
  return out;
}

/** The rows under a header row as header → cell, until the last row of the sheet. */
export function records(
  ws: ExcelJS.Worksheet,
  headerRow: number,
): { row: number; get(header: string): ExcelJS.Cell; value(header: string): Scalar }[] {
  const cols = headers(ws, headerRow);
  const out = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (!row.hasValues) continue;
    const get = (header: string) => {
      const col = cols.get(header);
      if (col === undefined)
        throw new Error(`${ws.name}: no column « ${header} » (have ${[...cols.keys()].join(', ')})`);
      return row.getCell(col);
    };
    out.push({ row: r, get, value: (header: string) => shown(get(header)) });
  }
  return out;
}

/** The detail sheets (Prévu vs Réalisé, Budget, Bénéficiaires) have their header on row 4. */
export const DETAIL_HEADER_ROW = 4;

export interface DetailRow {
  row: number;
  code: string;
  /** « Total projet » (or « Project total ») on an item's total row, else the commune's name. */
  commune: string;
  get(header: string): ExcelJS.Cell;
  value(header: string): Scalar;
}

export function detailRows(
  ws: ExcelJS.Worksheet,
  labels: { code: string; commune: string } = { code: 'Code', commune: 'Commune' },
): DetailRow[] {
  return records(ws, DETAIL_HEADER_ROW)
    .filter((r) => typeof r.value(labels.code) === 'string' && r.value(labels.code) !== '')
    .map((r) => ({ ...r, code: String(r.value(labels.code)), commune: String(r.value(labels.commune) ?? '') }));
}

/** `Données` as plain objects, header → value. */
export function dataTable(workbook: ExcelJS.Workbook): Record<string, Scalar>[] {
  const ws = sheet(workbook, 'Données');
  const cols = headers(ws, 1);
  return records(ws, 1).map((r) => Object.fromEntries([...cols.keys()].map((h) => [h, r.value(h)])));
}

/** Every cell of a sheet that is not the hidden part of a merged range. */
export function cellsOf(ws: ExcelJS.Worksheet): ExcelJS.Cell[] {
  const out: ExcelJS.Cell[] = [];
  ws.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (cell.type !== ExcelJS.ValueType.Merge) out.push(cell);
    }),
  );
  return out;
}

/** Every text shown on a sheet, in reading order. */
export function textsOf(ws: ExcelJS.Worksheet): string[] {
  return cellsOf(ws)
    .map(shown)
    .filter((v): v is string => typeof v === 'string');
}

/** The row whose column `column` shows exactly `text`. */
export function rowWith(ws: ExcelJS.Worksheet, column: string, text: string): ExcelJS.Row {
  for (let r = 1; r <= ws.rowCount; r++) if (shown(ws.getCell(`${column}${r}`)) === text) return ws.getRow(r);
  throw new Error(`${ws.name}: no « ${text} » in column ${column}`);
}

/** The texts of column B under a Synthèse heading (column A), up to the next blank row. */
export function sectionTexts(ws: ExcelJS.Worksheet, heading: string): string[] {
  const start = rowWith(ws, 'A', heading).number;
  const out: string[] = [];
  for (let r = start + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (!row.hasValues) break;
    const b = shown(ws.getCell(`B${r}`));
    if (typeof b === 'string') out.push(b);
  }
  return out;
}

/** Synthèse's communes table: name → its row's Statut and Taux as shown. */
export function synthesisCommunes(
  ws: ExcelJS.Worksheet,
  labels = { commune: 'Commune', status: 'Statut', rate: 'Taux' },
): Map<string, { status: Scalar; rate: ExcelJS.Cell }> {
  let headerRow = 0;
  for (let r = 1; r <= ws.rowCount && headerRow === 0; r++)
    if (shown(ws.getCell(`A${r}`)) === labels.commune && shown(ws.getCell(`C${r}`)) === labels.status) headerRow = r;
  if (headerRow === 0) throw new Error('Synthèse: no communes table');
  const out = new Map<string, { status: Scalar; rate: ExcelJS.Cell }>();
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const name = shown(ws.getCell(`A${r}`));
    if (typeof name !== 'string' || name === '') break;
    out.set(name, { status: shown(ws.getCell(`C${r}`)), rate: ws.getCell(`D${r}`) });
  }
  return out;
}

/** Every formula of a workbook, with where it is. */
export function formulas(workbook: ExcelJS.Workbook): { where: string; formula: string }[] {
  const out: { where: string; formula: string }[] = [];
  for (const ws of workbook.worksheets)
    for (const cell of cellsOf(ws)) {
      const f = formulaOf(cell);
      if (f !== null) out.push({ where: `${ws.name}!${cell.address}`, formula: f });
    }
  return out;
}

const WRITER_FUNCTIONS = new Set([
  'SUM',
  'SUMIF',
  'SUMPRODUCT',
  'MAX',
  'MIN',
  'IF',
  'COUNT',
  'AND',
  'NOT',
  'ISNUMBER',
  'N',
  'AVERAGE',
  'IFERROR',
]);

/**
 * Whether a formula is one the consolidation writer produces: its functions, cell references (with a
 * quoted sheet name), ranges, arithmetic, and only the string literals it uses itself ("" and the
 * « non reçu » label). Anything else — a coordinator's text that became a formula — is refused.
 */
export function isWriterFormula(
  formula: string,
  notReceived: readonly string[] = [
    'non reçu',
    'not received',
    '–',
    'cible non définie',
    'target not set',
    'après la sélection',
    'after the selection',
  ],
): boolean {
  const literals = [...formula.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]!);
  // `">=0"`: SUMIF's criterion for « a number » (the planned figure of the communes that reported).
  if (!literals.every((l) => l === '' || l === '>=0' || notReceived.includes(l))) return false;
  const rest = formula.replace(/"((?:[^"]|"")*)"/g, '""').replace(/'(?:[^']|'')+'!/g, '');
  const tokens = rest.match(/[A-Z]+(?=\()|\$?[A-Z]{1,3}\$?\d+|\d+(?:\.\d+)?|""|[-+*/(),:<>=&]|\s+|./g) ?? [];
  return tokens.every((t) => {
    if (/^[A-Z]+$/.test(t)) return WRITER_FUNCTIONS.has(t);
    return /^(\$?[A-Z]{1,3}\$?\d+|\d+(\.\d+)?|""|[-+*/(),:<>=]|\s+)$/.test(t);
  });
}
