import { isPeople, type Framework } from './framework/schema';
import type { TableKey } from './layout/contract';
import { IDENTIFICATION_FIELDS, TABLE_COLUMNS } from './layout/contract';
import type { Located, LocatedTable } from './layout/locate';
import { cellAt, cellText, type Cell } from './tables';
import { CURRENCY_WORDS } from './values';

/** What a value cell must hold. */
export type InputKind = 'count' | 'amount' | 'text' | 'period' | 'date';

/** One cell of the template that the rules look at, with what it must hold. */
export interface InputCell {
  sheet: string;
  row: number;
  column: number;
  cell: Cell;
  kind: InputKind;
  /** A value is required (an activity not done is 0, not blank). */
  required: boolean;
  /** Must stay empty (Femmes / Hommes of a count that is not disaggregated by sex). */
  forbidden: boolean;
  /** A formula is expected here (the template's Total); its cached result is never trusted. */
  formulaAllowed: boolean;
  /** Filled by the template, not by the coordinator (Prévu, Commune). */
  prefilled: boolean;
  table: TableKey | 'identification';
  field: string;
  code: string | null;
  /** Unit words accepted after a number typed as text (`25 personnes`). */
  units: string[];
}

/** What a table row stands for, as far as the rows and inputs need it. */
export interface TableItem {
  code: string;
  label: string;
  unit?: string;
}

/** The framework's items that a table holds one row each: its indicators, budget lines or beneficiary categories. */
export function tableItems(framework: Framework, key: TableKey): readonly TableItem[] {
  if (key === 'indicators') return framework.indicators;
  if (key === 'budget') return framework.budgetLines;
  return framework.beneficiaries;
}

/** Field → [kind, required, forbidden, formulaAllowed, prefilled] for a row of the given item. */
function fieldSpecs(key: TableKey, item: TableItem): Record<string, [InputKind, boolean, boolean, boolean, boolean]> {
  const people = isPeople({ unit: item.unit ?? '' });
  if (key === 'indicators')
    return {
      planned: ['count', false, false, false, true],
      achieved: ['count', true, false, false, false],
      women: ['count', people, !people, false, false],
      men: ['count', people, !people, false, false],
      comment: ['text', false, false, false, false],
    };
  if (key === 'budget')
    return {
      planned: ['amount', false, false, false, true],
      spent: ['amount', true, false, false, false],
      comment: ['text', false, false, false, false],
    };
  return {
    planned: ['count', false, false, false, true],
    women: ['count', people, !people, false, false],
    men: ['count', people, !people, false, false],
    total: ['count', !people, false, people, false],
  };
}

/** The row of each framework code in a located table (the first one when a code is duplicated). */
export function rowsByCode(table: LocatedTable): Map<string, number> {
  const rows = new Map<string, number>();
  for (const { code, row } of table.rows) {
    const key = code.toUpperCase();
    if (code && !rows.has(key)) rows.set(key, row);
  }
  return rows;
}

export function tableInputs(view: Located, framework: Framework, key: TableKey): InputCell[] {
  const table = view[key];
  if (!table.sheet) return [];
  const sheet = table.sheet;
  const rows = rowsByCode(table);
  const out: InputCell[] = [];
  for (const item of tableItems(framework, key)) {
    const row = rows.get(item.code.toUpperCase());
    if (row === undefined) continue;
    for (const [field, [kind, required, forbidden, formulaAllowed, prefilled]] of Object.entries(
      fieldSpecs(key, item),
    )) {
      const column = table.columns[field];
      if (column === undefined) continue;
      out.push({
        sheet: sheet.name,
        row,
        column,
        cell: cellAt(sheet, row, column),
        kind,
        required,
        forbidden,
        formulaAllowed,
        prefilled,
        table: key,
        field,
        code: item.code,
        units: key === 'budget' ? CURRENCY_WORDS : item.unit ? [item.unit] : [],
      });
    }
  }
  return out;
}

export function identificationInputs(view: Located): InputCell[] {
  const { sheet, fields } = view.identification;
  if (!sheet) return [];
  const out: InputCell[] = [];
  for (const spec of IDENTIFICATION_FIELDS) {
    const at = fields[spec.key];
    if (!at) continue;
    out.push({
      sheet: sheet.name,
      row: at.row,
      column: at.column,
      cell: at.cell,
      kind: spec.kind,
      required: spec.required,
      forbidden: false,
      formulaAllowed: false,
      prefilled: spec.prefilled,
      table: 'identification',
      field: spec.key,
      code: null,
      units: [],
    });
  }
  return out;
}

/** Every cell the rules check, in sheet order. */
export function allInputs(view: Located, framework: Framework): InputCell[] {
  return [
    ...identificationInputs(view),
    ...tableInputs(view, framework, 'indicators'),
    ...tableInputs(view, framework, 'budget'),
    ...tableInputs(view, framework, 'beneficiaries'),
  ];
}

export function commentOf(view: Located, key: TableKey, row: number): string {
  const table = view[key];
  const column = table.columns.comment;
  if (!table.sheet || column === undefined) return '';
  return cellText(cellAt(table.sheet, row, column));
}

/** The French header or label of an input, as the coordinator sees it in the sheet. */
export function fieldLabel(input: Pick<InputCell, 'table' | 'field'>): string {
  if (input.table === 'identification')
    return IDENTIFICATION_FIELDS.find((f) => f.key === input.field)?.label ?? input.field;
  const column = (TABLE_COLUMNS[input.table] as readonly { key: string; header: string }[]).find(
    (c) => c.key === input.field,
  );
  return column?.header ?? input.field;
}

export const isNumeric = (input: InputCell): boolean => input.kind === 'count' || input.kind === 'amount';

/** The inputs of one row (table, code), by field. */
export function rowInputs(
  inputs: readonly InputCell[],
  table: TableKey,
): Map<string, Partial<Record<string, InputCell>>> {
  const rows = new Map<string, Partial<Record<string, InputCell>>>();
  for (const input of inputs) {
    if (input.table !== table || !input.code) continue;
    const row = rows.get(input.code) ?? {};
    row[input.field] = input;
    rows.set(input.code, row);
  }
  return rows;
}
