import { columnLetter } from '../../core/tables';
import { escapeAttr } from '../xml/escape';
import type { Package } from './charts';

/**
 * Adds an Excel table (a `table` part with its auto-filter and style) over a range a sheet already
 * holds. exceljs' streaming writer, which keeps large sheets out of memory, writes no tables.
 */

export interface TableSpec {
  sheet: string;
  /** `Donnees`: letters, digits and underscores, unique in the workbook. */
  name: string;
  /** The header texts, exactly as in the sheet's first row of the range. */
  columns: readonly string[];
  /** Number of data rows below the header (at least 1: an empty table is not valid). */
  rows: number;
  style?: string;
}

const REL_TABLE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/table';
const TYPE_TABLE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

export function tableXml(id: number, spec: TableSpec): string {
  const ref = `A1:${columnLetter(spec.columns.length)}${spec.rows + 1}`;
  const columns = spec.columns.map((name, i) => `<tableColumn id="${i + 1}" name="${escapeAttr(name)}"/>`).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<table xmlns="${NS_MAIN}" id="${id}" name="${spec.name}" displayName="${spec.name}" ref="${ref}" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/><tableColumns count="${spec.columns.length}">${columns}</tableColumns>` +
    `<tableStyleInfo name="${spec.style ?? 'TableStyleMedium2'}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
  );
}

/** Where a streamed sheet's table goes: its relationship id and the part the relationship names. */
export interface DeclaredTable {
  rId: string;
  part: string;
}

interface StreamedSheetInternals {
  _sheetRelsWriter?: { addRelationship(rel: { Type: string; Target: string }): string };
  _writeCloseWorksheet?: () => void;
  stream?: { write(text: string): void };
}

/**
 * Writes `<tableParts>` into a sheet that exceljs is streaming, and its relationship, before the sheet
 * is committed. exceljs' streaming writer has no tables; reopening its (large) sheet XML afterwards
 * would cost time and memory, so its closing step is extended instead. The part itself is added to
 * the package later by `addTablePart`. This uses exceljs 4's streaming internals: if they change,
 * it fails loudly here rather than writing a workbook without its table.
 */
export function declareStreamedTable(ws: unknown, part = 'xl/tables/table1.xml'): DeclaredTable {
  const sheet = ws as StreamedSheetInternals;
  const close = sheet._writeCloseWorksheet;
  if (!sheet._sheetRelsWriter || typeof close !== 'function' || !sheet.stream)
    throw new Error('exceljs streaming writer internals have changed: cannot place the Données table');
  const rId = sheet._sheetRelsWriter.addRelationship({ Type: REL_TABLE, Target: `../tables/${part.split('/').pop()}` });
  sheet._writeCloseWorksheet = function (this: StreamedSheetInternals) {
    this.stream!.write(`<tableParts count="1"><tablePart r:id="${rId}"/></tableParts>`);
    close.call(this);
  };
  return { rId, part };
}

/** Adds the table part a streamed sheet declared (its relationship and place are already written). */
export async function addTablePart(pkg: Package, declared: DeclaredTable, spec: TableSpec): Promise<void> {
  if (pkg.has(declared.part)) throw new Error(`the package already has ${declared.part}`);
  const id = Number(/(\d+)\.xml$/.exec(declared.part)![1]);
  pkg.write(declared.part, tableXml(id, spec));
  await pkg.declareOverride(declared.part, TYPE_TABLE);
}
