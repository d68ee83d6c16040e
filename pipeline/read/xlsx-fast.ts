import { compact, type Sheet, type Tables } from '../../core/tables';

import { unsupported } from './fast-unsupported';
import { parseRels, parseSharedStrings, parseStyles, parseWorkbook } from './xlsx-parts';
import { parseWorksheet } from './xlsx-worksheet';

export { FastReaderUnsupported, WorkbookRefused } from './fast-unsupported';
export { slideFormula } from './shared-formula';
export { xmlDecodeTwice } from './xlsx-text';
export { excelDateToIso } from './xlsx-worksheet';
/**
 * A lean reader of the cell values of a .xlsx / .xlsm, for merges of thousands of small workbooks.
 *
 * It reads only the parts that hold values (the workbook and its rels, the shared strings, the
 * styles, the worksheets and their rels), already inflated by the zip guard, and scans their XML
 * (pipeline/xml/scanner.ts: no DOM, no object model). It reads what the file says, as Excel, LibreOffice and
 * openpyxl show it — not exceljs' misreadings: a formula's cached 0 / FALSE is kept, `t="d"` ISO
 * dates, `date1904="true"`, CDATA, relationships under any prefix and worksheets under any part name
 * are read. Merged cells other than the top-left read as empty (as Office.js shows them).
 *
 * Anything it does not recognise — an unknown cell type, strict-OOXML namespaces, a DTD — throws
 * FastReaderUnsupported, and the caller falls back to exceljs.
 */

/** Folders whose parts never hold cells: not kept in memory for the reader. */
const NOT_CELLS =
  /^(docProps|customXml|xl\/(drawings|charts|media|theme|printerSettings|pivotCache|pivotTables|externalLinks|threadedComments|persons|ctrlProps|embeddings|activeX|diagrams|richData|slicers|slicerCaches|timelines|queryTables|tables|model|webextensions))\/|^xl\/(comments\d*|calcChain|connections|metadata|volatileDependencies)\.xml$/;

/**
 * The zip entries the fast reader may need: the zip guard keeps these inflated for it. A worksheet
 * may have any part name (the workbook's relationships say which), so every XML part that may be
 * one is kept.
 */
export function isFastReaderPart(name: string): boolean {
  return (name.endsWith('.xml') || name.endsWith('.rels')) && !NOT_CELLS.test(name) && name !== '[Content_Types].xml';
}

/** A relationship's target → the part name: absolute (`/xl/worksheets/sheet.xml`) or relative to `base`. */
export function resolvePartName(base: string, target: string): string | null {
  const segments = target.startsWith('/') ? [] : base.split('/').filter(Boolean);
  for (const segment of target.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) return null;
      segments.pop();
    } else segments.push(segment);
  }
  return segments.length > 0 ? segments.join('/') : null;
}

const WORKSHEET_TYPE = /\/relationships\/worksheet$/;

// ---------------------------------------------------------------------------------------------

function partText(parts: ReadonlyMap<string, Buffer>, present: ReadonlySet<string>, name: string): string | null {
  const buffer = parts.get(name);
  if (!buffer) {
    // Present but not inflated (an unusual compression method): leave the workbook to exceljs.
    if (present.has(name)) unsupported(`${name} is not available`);
    return null;
  }
  if (buffer.length >= 2 && ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff)))
    unsupported(`${name} is UTF-16`);
  const text = buffer.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * The workbook's tables, from its zip entry names and the inflated parts (isFastReaderPart).
 * Throws FastReaderUnsupported for anything exceljs should read instead.
 */
export function readTablesFast(
  entryNames: readonly string[],
  parts: ReadonlyMap<string, Buffer>,
  deadline = Number.POSITIVE_INFINITY,
): Tables {
  const present = new Set<string>();
  for (const name of entryNames) {
    if (present.has(name)) unsupported(`two parts named ${name}`);
    present.add(name);
  }
  const workbookXml = partText(parts, present, 'xl/workbook.xml');
  const relsXml = partText(parts, present, 'xl/_rels/workbook.xml.rels');
  const stylesXml = partText(parts, present, 'xl/styles.xml');
  if (workbookXml === null || relsXml === null || stylesXml === null)
    unsupported('no workbook, workbook rels or styles part');
  const { sheets, date1904 } = parseWorkbook(workbookXml);
  const rels = parseRels(relsXml);
  const formats = parseStyles(stylesXml);
  const stringsXml = partText(parts, present, 'xl/sharedStrings.xml');
  const strings = stringsXml === null ? null : parseSharedStrings(stringsXml);

  const out: Sheet[] = [];
  const targets = new Set<string>();
  for (const entry of sheets) {
    const rel = rels.get(entry.rId);
    // A sheet without relationship, or whose target is no worksheet (a chartsheet, a dialog sheet), holds no cells.
    if (!rel || rel.external || !WORKSHEET_TYPE.test(rel.type ?? '')) continue;
    if (rel.target === undefined) unsupported('a sheet relationship without target');
    const part = resolvePartName('xl/', rel.target.trim());
    if (part === null || !present.has(part)) unsupported(`the worksheet part ${rel.target} is missing`);
    if (targets.has(part)) unsupported('two sheets on one worksheet part');
    targets.add(part);
    const xml = partText(parts, present, part)!;
    const rows = parseWorksheet(xml, { strings, formats, date1904, deadline });
    out.push(compact({ name: entry.name, state: entry.state, rows }));
  }
  return { sheets: out };
}
