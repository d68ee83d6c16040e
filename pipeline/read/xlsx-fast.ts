import { compact, type Sheet, type Tables } from '../../core/tables';

import { unsupported } from './fast-unsupported';
import { parseRels, parseSharedStrings, parseStyles, parseWorkbook } from './xlsx-parts';
import { parseWorksheet } from './xlsx-worksheet';

export { FastReaderUnsupported } from './fast-unsupported';
export { BUILTIN_NUMBER_FORMATS, isDateFormat as isDateFmt } from '../../core/number-formats';
export { slideFormula } from './shared-formula';
export { xmlDecodeTwice } from './xlsx-text';
export { excelDateToIso } from './xlsx-worksheet';
/**
 * A lean reader of the cell values of a .xlsx / .xlsm, for merges of thousands of small workbooks.
 *
 * It reads only the parts that hold values (xl/workbook.xml and its rels, xl/sharedStrings.xml,
 * xl/styles.xml, the worksheets and their rels), already inflated by the zip guard, and scans their
 * XML with indexOf and character codes (no DOM, no SAX events, no object model). It produces exactly
 * the Tables that the exceljs path (`workbookToTables` in xlsx.ts) produces, exceljs' quirks included:
 * dates are numbers whose style has a date format by exceljs' own test, a formula's cached result of
 * 0 / false reads as no result, `t="str"` text is decoded twice, shared-string text unescapes
 * `_xHHHH_` but inline text does not, merged cells other than the top-left read as empty, a cell
 * with a hyperlink reads as its text (a formula loses its text), a filled-down (shared) formula is
 * translated from its master with exceljs' own rules.
 *
 * Anything it does not recognise — an unknown cell type, strict-OOXML namespaces, CDATA, a DTD, a
 * structure exceljs would read differently or choke on — throws FastReaderUnsupported, and the caller
 * falls back to exceljs: behaviour is never worse than exceljs alone. One deliberate difference:
 * parts that bind the SpreadsheetML namespace to a prefix (`<x:c>`), which exceljs cannot read
 * (it fails on them), are read here like unprefixed ones.
 */


/** The part names exceljs looks for (it matches worksheets with these patterns, unanchored). */
const WORKSHEET_PART = /^xl\/worksheets\/sheet(\d+)\.xml$/;
const WORKSHEET_RELS_PART = /^xl\/worksheets\/_rels\/sheet(\d+)\.xml\.rels$/;
const EXCELJS_WORKSHEET = /xl\/worksheets\/sheet(\d+)[.]xml/;
const EXCELJS_WORKSHEET_RELS = /xl\/worksheets\/_rels\/sheet(\d+)[.]xml.rels/;

/** The zip entries the fast reader needs: the zip guard keeps these inflated for it. */
export function isFastReaderPart(name: string): boolean {
  return (
    name === 'xl/workbook.xml' ||
    name === 'xl/_rels/workbook.xml.rels' ||
    name === 'xl/sharedStrings.xml' ||
    name === 'xl/styles.xml' ||
    WORKSHEET_PART.test(name) ||
    WORKSHEET_RELS_PART.test(name)
  );
}

// ---------------------------------------------------------------------------------------------

function partText(parts: ReadonlyMap<string, Buffer>, present: ReadonlySet<string>, name: string): string | null {
  const buffer = parts.get(name);
  if (!buffer) {
    // Present but not inflated (an unusual compression method): leave the workbook to exceljs.
    if (present.has(name)) unsupported(`${name} is not available`);
    return null;
  }
  if (buffer.length >= 2 && ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff))) unsupported(`${name} is UTF-16`);
  const text = buffer.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * The workbook's tables, from its zip entry names and the inflated parts (isFastReaderPart).
 * Throws FastReaderUnsupported for anything exceljs should read instead.
 */
export function readTablesFast(entryNames: readonly string[], parts: ReadonlyMap<string, Buffer>): Tables {
  const present = new Set<string>();
  for (const name of entryNames) {
    if (name.startsWith('/')) unsupported(`the part name ${name}`);
    if (present.has(name)) unsupported(`two parts named ${name}`);
    present.add(name);
    // exceljs matches these unanchored: names it would read that the reader would not.
    if ((EXCELJS_WORKSHEET.test(name) && !WORKSHEET_PART.test(name)) || (EXCELJS_WORKSHEET_RELS.test(name) && !WORKSHEET_RELS_PART.test(name)))
      unsupported(`the part name ${name}`);
  }
  const workbookXml = partText(parts, present, 'xl/workbook.xml');
  const relsXml = partText(parts, present, 'xl/_rels/workbook.xml.rels');
  const stylesXml = partText(parts, present, 'xl/styles.xml');
  if (workbookXml === null || relsXml === null || stylesXml === null) unsupported('no workbook, workbook rels or styles part');
  const { sheets, date1904 } = parseWorkbook(workbookXml);
  const rels = parseRels(relsXml);
  const dateStyles = parseStyles(stylesXml);
  const stringsXml = partText(parts, present, 'xl/sharedStrings.xml');
  const strings = stringsXml === null ? null : parseSharedStrings(stringsXml);

  const out: Sheet[] = [];
  const targets = new Set<string>();
  for (const entry of sheets) {
    const rel = rels.get(entry.rId);
    // exceljs skips a sheet without relationship, and one whose target is not a worksheet part it
    // parsed (a chartsheet).
    if (!rel) continue;
    if (rel.target === undefined) unsupported('a sheet relationship without target');
    const part = `xl/${rel.target.replace(/^(\s|\/xl\/)+/, '')}`;
    if (!present.has(part) || !EXCELJS_WORKSHEET.test(part)) continue;
    if (targets.has(part)) unsupported('two sheets on one worksheet part');
    targets.add(part);
    const xml = partText(parts, present, part)!;
    const relsPart = part.replace(/^xl\/worksheets\/(sheet\d+\.xml)$/, 'xl/worksheets/_rels/$1.rels');
    const sheetRels = () => {
      const text = partText(parts, present, relsPart);
      return text === null ? null : parseRels(text);
    };
    const rows = parseWorksheet(xml, { strings, dateStyles, date1904, rels: sheetRels });
    out.push(compact({ name: entry.name, state: entry.state, rows }));
  }
  return { sheets: out };
}
