import type { Framework } from '../framework/schema';
import { normalise } from '../text';
import { cellAt, cellText, type Cell, type Sheet, type Tables } from '../tables';
import {
  IDENTIFICATION_FIELDS,
  META_KEYS,
  SHEET_NAMES,
  TABLE_COLUMNS,
  TABLE_KEYS,
  type IdentificationKey,
  type TableKey,
} from './contract';

/** Where things are in one workbook, found by name and Code. Missing pieces are recorded, not thrown. */
export interface LocatedTable {
  key: TableKey;
  /** The expected sheet name, for messages. */
  sheetName: string;
  sheet: Sheet | null;
  headerRow: number | null;
  columns: Partial<Record<string, number>>;
  missingHeaders: string[];
  /** Data rows below the header that hold anything; code is '' when the Code cell is blank. */
  rows: { code: string; row: number }[];
}

export interface LocatedField {
  row: number;
  /** The value column (B in the template). */
  column: number;
  cell: Cell;
}

export interface Located {
  tables: Tables;
  identification: {
    sheetName: string;
    sheet: Sheet | null;
    fields: Partial<Record<IdentificationKey, LocatedField>>;
  };
  meta: Partial<Record<keyof typeof META_KEYS, string>> | null;
  indicators: LocatedTable;
  budget: LocatedTable;
  beneficiaries: LocatedTable;
}

export function findSheet(tables: Tables, name: string): Sheet | null {
  const key = normalise(name);
  return tables.sheets.find((s) => normalise(s.name) === key) ?? null;
}

/**
 * The name a sheet would have without a copy's or a rename's decoration: « Indicateurs (2) » (Excel's
 * copy), « Indicateurs_2 » (LibreOffice's), « Copie de Budget », « Budget - copie », « Indicateurs 2023 ».
 */
function undecorated(name: string): string {
  return normalise(name)
    .replace(/^(copie de|copy of)\s+/, '')
    .replace(/[\s_-]*(\(\d+\)|\d+|copie|copy)(\s*\(?\d+\)?)?$/, '')
    .trim();
}

/** Sheets that look like a copy or a renaming of the template's sheet `name` (not the sheet itself). */
export function copiesOf(tables: Tables, name: string): Sheet[] {
  const key = normalise(name);
  return tables.sheets.filter((s) => normalise(s.name) !== key && undecorated(s.name) === key);
}

/** Header text matches with or without its parenthesised unit: « Prévu (FCFA) » also accepts « Prévu ». */
function headerKeys(header: string): string[] {
  const full = normalise(header);
  const bare = normalise(header.replace(/\(.*?\)/g, ''));
  return full === bare ? [full] : [full, bare];
}

const HEADER_SCAN_ROWS = 20;

function locateTable(tables: Tables, key: TableKey): LocatedTable {
  const spec = TABLE_COLUMNS[key];
  const sheetName = SHEET_NAMES[key];
  const sheet = findSheet(tables, sheetName);
  const located: LocatedTable = { key, sheetName, sheet, headerRow: null, columns: {}, missingHeaders: [], rows: [] };
  if (!sheet) return located;

  // The header row is the top row holding the most headers of the table (at least two, so that a
  // renamed « Code » is reported alone rather than as a missing header row).
  let best: { row: number; columns: Record<string, number>; found: number } | null = null;
  for (let r = 1; r <= Math.min(HEADER_SCAN_ROWS, sheet.rows.length); r++) {
    const columns: Record<string, number> = {};
    const cells = sheet.rows[r - 1] ?? [];
    cells.forEach((cell, c) => {
      const text = normalise(cellText(cell));
      if (!text) return;
      for (const col of spec) {
        if (columns[col.key] === undefined && headerKeys(col.header).includes(text)) columns[col.key] = c + 1;
      }
    });
    const found = Object.keys(columns).length;
    if (found >= 2 && (!best || found > best.found)) best = { row: r, columns, found };
    if (best && best.found === spec.length) break;
  }
  if (!best) {
    located.missingHeaders = spec.map((c) => c.header);
    return located;
  }
  located.headerRow = best.row;
  located.columns = best.columns;
  located.missingHeaders = spec.filter((c) => best.columns[c.key] === undefined).map((c) => c.header);

  // Without a « Code » column no row can be told apart: that single missing header is the problem.
  if (best.columns.code === undefined) return located;
  const codeColumn = best.columns.code;
  const watched = Object.values<number>(best.columns);
  for (let r = best.row + 1; r <= sheet.rows.length; r++) {
    const code = cellText(cellAt(sheet, r, codeColumn));
    const holdsData = code !== '' || watched.some((c) => cellAt(sheet, r, c).kind !== 'empty');
    if (holdsData) located.rows.push({ code, row: r });
  }
  return located;
}

function locateIdentification(tables: Tables): Located['identification'] {
  const sheetName = SHEET_NAMES.identification;
  const sheet = findSheet(tables, sheetName);
  const fields: Located['identification']['fields'] = {};
  if (sheet) {
    const byLabel = new Map(IDENTIFICATION_FIELDS.map((f) => [normalise(f.label), f.key] as const));
    sheet.rows.forEach((cells, r) => {
      cells.forEach((cell, c) => {
        const key = byLabel.get(normalise(cellText(cell)).replace(/\s*:$/, ''));
        if (key && !fields[key]) fields[key] = { row: r + 1, column: c + 2, cell: cellAt(sheet, r + 1, c + 2) };
      });
    });
  }
  return { sheetName, sheet, fields };
}

function locateMeta(tables: Tables): Located['meta'] {
  const sheet = findSheet(tables, SHEET_NAMES.meta);
  if (!sheet) return null;
  const meta: NonNullable<Located['meta']> = {};
  const keys = Object.keys(META_KEYS) as (keyof typeof META_KEYS)[];
  sheet.rows.forEach((cells) => {
    const name = cellText(cells[0] ?? { kind: 'empty', value: null });
    const key = keys.find((k) => META_KEYS[k] === name);
    if (key) meta[key] = cellText(cells[1] ?? { kind: 'empty', value: null });
  });
  return meta;
}

export function locate(tables: Tables): Located {
  const [indicators, budget, beneficiaries] = TABLE_KEYS.map((k) => locateTable(tables, k)) as [
    LocatedTable,
    LocatedTable,
    LocatedTable,
  ];
  return {
    tables,
    identification: locateIdentification(tables),
    meta: locateMeta(tables),
    indicators,
    budget,
    beneficiaries,
  };
}

/** The commune this workbook belongs to: the `_meta` code first, else the Identification name. */
export function communeOf(view: Located, framework: Framework): Framework['communes'][number] | null {
  const code = view.meta?.communeCode;
  if (code) return framework.communes.find((c) => c.code === code) ?? null;
  const name = normalise(cellText(view.identification.fields.commune?.cell ?? { kind: 'empty', value: null }));
  return framework.communes.find((c) => normalise(c.name) === name || normalise(c.code) === name) ?? null;
}

/** The framework period a workbook names in Identification (any case), or null when it names none it knows. */
export function periodOf(view: Located, framework: Framework): Framework['periods'][number] | null {
  const cell = view.identification.fields.period?.cell;
  const text = cell ? normalise(cellText(cell)) : '';
  return text === '' ? null : (framework.periods.find((p) => normalise(p.label) === text) ?? null);
}
