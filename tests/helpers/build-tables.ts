/**
 * Builds the core `Tables` of a correctly filled commune workbook straight from the template plan
 * and the example fill (no exceljs, no file), plus small mutators to break it in one place.
 *
 * The tables look like what the exceljs reader yields: empty strings are empty cells, a Date is a
 * `date` cell holding `YYYY-MM-DD`, the template's formulas are `formula` cells whose cached result
 * follows the filled values, and every sheet is compacted.
 */
import { isReportingPeriod } from '../../core/framework/periods';
import type { Framework } from '../../core/framework/schema';
import { planTemplate } from '../../core/layout/plan';
import { a1, cellText, compact, parseA1, type Cell, type Sheet, type Tables } from '../../core/tables';
import { exampleFill } from '../../pipeline/example-fill';
import { loadFrameworkFile } from '../../pipeline/framework-file';

let cached: Framework | undefined;

/** The project's real framework (templates/framework.json), loaded once. Do not mutate it. */
export function framework(): Framework {
  cached ??= loadFrameworkFile();
  return cached;
}

/** A deep copy of the real framework, to break or tweak in a test. */
export function frameworkCopy(): Framework {
  return structuredClone(framework());
}

export type Value = string | number | boolean | Date | null | undefined;

const ERROR_CODES = [
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#GETTING_DATA',
  '#SPILL!',
  '#CALC!',
];

export const empty = (): Cell => ({ kind: 'empty', value: null });
export const text = (value: string): Cell => ({ kind: 'string', value });
export const num = (value: number): Cell => ({ kind: 'number', value });
export const date = (iso: string): Cell => ({ kind: 'date', value: iso });
export const error = (code: string): Cell => ({ kind: 'error', value: code });
/** A formula cell (text without `=`) and its cached result. */
export const formula = (text: string, result: string | number | boolean | null = null): Cell => ({
  kind: 'formula',
  value: result,
  formula: text,
});

/**
 * The cell a reader would give for a value: null / '' → empty, number, boolean, Date → date,
 * an Excel error code (`#REF!`) → error, `=…` → formula without cached result, other text → string.
 */
export function toCell(value: Value): Cell {
  if (value === null || value === undefined || value === '') return empty();
  if (typeof value === 'number') return num(value);
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (value instanceof Date) return date(value.toISOString().slice(0, 10));
  if (ERROR_CODES.includes(value)) return error(value);
  if (value.startsWith('=')) return formula(value.slice(1));
  return text(value);
}

export interface BuildOptions {
  commune?: string;
  period?: string;
  framework?: Framework;
  /** Start from the generic template (period chosen in the sheet, Prévu blank) instead of the period's own. */
  generic?: boolean;
}

/**
 * The tables of the commune's template filled with `exampleFill` (Gounzourèye, 2023 by default): the
 * period's own template, as the bundled examples, unless `generic` (or the period is no reporting period).
 */
export function buildTables({
  commune = 'GNZ',
  period = '2023',
  framework: fw = framework(),
  generic = false,
}: BuildOptions = {}): Tables {
  const plan = planTemplate(fw, commune, generic || !isReportingPeriod(fw.periods, period) ? null : period);
  const fill = exampleFill(fw, commune, period);
  const keys = new Set(plan.sheets.flatMap((s) => s.cells.map((c) => c.key).filter(Boolean)));
  for (const key of Object.keys(fill)) if (!keys.has(key)) throw new Error(`no input cell ${key} in the template`);

  const sheets = plan.sheets.map((planned): Sheet => {
    const values = new Map<string, Value>();
    for (const cell of planned.cells) {
      const value = cell.key !== undefined && cell.key in fill ? fill[cell.key] : cell.value;
      values.set(a1(cell.row, cell.column), value);
    }
    const rows: Cell[][] = [];
    for (const cell of planned.cells) {
      let out: Cell;
      if (cell.formula !== undefined) {
        // The cached result Excel shows for the template's own `D2+E2`.
        const result = cell.formula.split('+').reduce((sum, ref) => {
          const v = values.get(ref.trim());
          return sum + (typeof v === 'number' ? v : 0);
        }, 0);
        out = formula(cell.formula, result);
      } else out = toCell(values.get(a1(cell.row, cell.column)));
      (rows[cell.row - 1] ??= [])[cell.column - 1] = out;
    }
    return compact({ name: planned.name, state: planned.state, rows });
  });
  return { sheets };
}

export function getSheet(tables: Tables, name: string): Sheet {
  const sheet = tables.sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no sheet ${name} in [${tables.sheets.map((s) => s.name).join(', ')}]`);
  return sheet;
}

/** Compacts in place, as a reader would after the change. */
function recompact(sheet: Sheet): void {
  sheet.rows = compact(sheet).rows;
}

export function getCell(tables: Tables, sheet: string, address: string): Cell {
  const { row, column } = parseA1(address);
  return getSheet(tables, sheet).rows[row - 1]?.[column - 1] ?? empty();
}

export function setCell(tables: Tables, sheet: string, address: string, cell: Cell): Tables {
  const target = getSheet(tables, sheet);
  const { row, column } = parseA1(address);
  while (target.rows.length < row) target.rows.push([]);
  const cells = target.rows[row - 1]!;
  while (cells.length < column) cells.push(empty());
  cells[column - 1] = cell;
  recompact(target);
  return tables;
}

/** Sets a value, its kind inferred as a reader would (see toCell). */
export function setValue(tables: Tables, sheet: string, address: string, value: Value): Tables {
  return setCell(tables, sheet, address, toCell(value));
}

export function removeSheet(tables: Tables, name: string): Tables {
  const sheet = getSheet(tables, name);
  tables.sheets.splice(tables.sheets.indexOf(sheet), 1);
  return tables;
}

export function renameSheet(tables: Tables, from: string, to: string): Tables {
  getSheet(tables, from).name = to;
  return tables;
}

/** Deletes a row as Excel does: the rows below move up. */
export function removeRow(tables: Tables, sheet: string, row: number): Tables {
  const target = getSheet(tables, sheet);
  if (row < 1 || row > target.rows.length) throw new Error(`no row ${row} in ${sheet}`);
  target.rows.splice(row - 1, 1);
  recompact(target);
  return tables;
}

/** Inserts a row as Excel does: the rows from `row` on move down. */
export function insertRow(tables: Tables, sheet: string, row: number, values: Value[] = []): Tables {
  const target = getSheet(tables, sheet);
  while (target.rows.length < row - 1) target.rows.push([]);
  target.rows.splice(row - 1, 0, values.map(toCell));
  recompact(target);
  return tables;
}

/** Appends a row after the last one; returns its 1-based number. */
export function appendRow(tables: Tables, sheet: string, values: Value[]): number {
  const target = getSheet(tables, sheet);
  target.rows.push(values.map(toCell));
  recompact(target);
  return target.rows.length;
}

/** Appends a copy of a row after the last one; returns the new row's number. */
export function duplicateRow(tables: Tables, sheet: string, row: number): number {
  const target = getSheet(tables, sheet);
  const cells = target.rows[row - 1];
  if (!cells) throw new Error(`no row ${row} in ${sheet}`);
  target.rows.push(cells.map((c) => ({ ...c })));
  return target.rows.length;
}

/** Finds the first cell whose text is exactly `text`; throws when there is none. */
export function findText(tables: Tables, sheet: string, value: string): string {
  const rows = getSheet(tables, sheet).rows;
  for (let r = 0; r < rows.length; r++)
    for (let c = 0; c < rows[r]!.length; c++) if (cellText(rows[r]![c]!) === value) return a1(r + 1, c + 1);
  throw new Error(`no cell « ${value} » in ${sheet}`);
}

/** Replaces the text of a header (or label) cell: `renameHeader(t, 'Indicateurs', 'Femmes', 'F')`. */
export function renameHeader(tables: Tables, sheet: string, from: string, to: string): Tables {
  return setValue(tables, sheet, findText(tables, sheet, from), to);
}

/** Moves a whole column (1-based or letter) to another position, shifting the columns in between, as a cut-and-insert in Excel. */
export function moveColumn(tables: Tables, sheet: string, from: number | string, to: number | string): Tables {
  const col = (c: number | string) => (typeof c === 'number' ? c : parseA1(`${c}1`).column);
  const [f, t] = [col(from), col(to)];
  const target = getSheet(tables, sheet);
  const width = Math.max(f, t, ...target.rows.map((r) => r.length));
  target.rows = target.rows.map((cells) => {
    const full = Array.from({ length: width }, (_, i) => cells[i] ?? empty());
    const [moved] = full.splice(f - 1, 1);
    full.splice(t - 1, 0, moved!);
    return full;
  });
  recompact(target);
  return tables;
}

/** Every string cell (sheet names and text) rewritten, e.g. to NFD. */
export function mapText(tables: Tables, transform: (text: string) => string, sheet?: string): Tables {
  for (const s of tables.sheets) {
    if (sheet !== undefined && s.name !== sheet) continue;
    s.rows = s.rows.map((cells) =>
      cells.map((c) => (c.kind === 'string' ? { ...c, value: transform(String(c.value)) } : c)),
    );
  }
  return tables;
}

/** The template's sheet names, as the generator writes them. */
export const ID = 'Identification';
export const IND = 'Indicateurs';
export const BUD = 'Budget';
export const BEN = 'Bénéficiaires';
export const META = '_meta';
