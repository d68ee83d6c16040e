import { BUILTIN_NUMBER_FORMATS } from '../../core/number-formats';
import type { Sheet } from '../../core/tables';
import { unsupported } from './fast-unsupported';
import { CLOSE, END, OPEN, openRoot, qualifiedAttributeNames, REL_NS, Scanner } from '../xml/scanner';
import { unescapeX } from './xlsx-text';

/** The package's parts that say where the cells are and how to read them: rels, workbook, styles, shared strings. */

export interface Relationship {
  type: string | undefined;
  target: string | undefined;
  external: boolean;
}

const PACKAGE_RELS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/**
 * A .rels part: Id → relationship (a later Id wins, as in exceljs). The elements may carry any
 * prefix bound to the package-relationships namespace (`ns0:Relationship`, as ElementTree writes).
 */
export function parseRels(xml: string): Map<string, Relationship> {
  const sc = new Scanner(xml, unsupported);
  const root = sc.next() === OPEN ? sc.qname : '';
  const colon = root.indexOf(':');
  const prefix = colon < 0 ? '' : root.slice(0, colon + 1);
  if (root.slice(prefix.length) !== 'Relationships') unsupported('a relationships part without <Relationships>');
  if (prefix && sc.attributes()[`xmlns:${prefix.slice(0, -1)}`] !== PACKAGE_RELS_NS)
    unsupported(`the namespace of <${root}>`);
  const rels = new Map<string, Relationship>();
  for (let k = sc.next(); k !== END; k = sc.next()) {
    if (k === CLOSE) continue;
    if (sc.qname !== `${prefix}Relationship` || sc.depth() !== 2) unsupported(`<${sc.qname}> in a relationships part`);
    const a = sc.attributes();
    rels.set(String(a.Id), { type: a.Type, target: a.Target, external: a.TargetMode === 'External' });
  }
  return rels;
}

export interface SheetEntry {
  name: string;
  state: Sheet['state'];
  rId: string;
}

export function parseWorkbook(xml: string): { sheets: SheetEntry[]; date1904: boolean } {
  const sc = new Scanner(xml, unsupported);
  const q = openRoot(sc, 'workbook');
  const idNames = qualifiedAttributeNames(sc.attributes(), REL_NS, 'id');
  const WORKBOOK_PR = q('workbookPr');
  const SHEETS = q('sheets');
  const SHEET = q('sheet');
  let sheets: SheetEntry[] | null = null;
  let date1904 = false;
  const ids = new Set<number>();
  const names = new Set<string>();
  for (let k = sc.next(); k !== END; k = sc.next()) {
    if (k === CLOSE) continue;
    const name = sc.qname;
    if (name === WORKBOOK_PR) {
      if (sc.depth() !== 2) unsupported('a nested <workbookPr>');
      // xsd:boolean: LibreOffice writes `true`, Excel `1`.
      const flag = sc.attributes().date1904?.trim();
      date1904 = flag === '1' || flag === 'true';
    } else if (name === SHEETS) {
      if (sc.depth() !== 2 || sheets) unsupported('a second or nested <sheets>');
      sheets = [];
    } else if (name === SHEET) {
      if (sc.depth() !== 3 || !sheets || sc.stack[1] !== SHEETS) unsupported('a <sheet> outside <sheets>');
      const a = sc.attributes();
      const rId = idNames.map((n) => a[n]).find((v) => v !== undefined);
      if (a.name === undefined || rId === undefined) unsupported('a sheet without name or r:id');
      // Decoded once, as any XML reader does (exceljs decodes sheet names a second time).
      const sheetName = a.name;
      // exceljs refuses or renames these; leave them to it.
      if (
        sheetName === '' ||
        sheetName === 'History' ||
        sheetName.length > 31 ||
        /[*?:/\\[\]]/.test(sheetName) ||
        /(^')|('$)/.test(sheetName)
      )
        unsupported('a sheet name exceljs would refuse');
      if (names.has(sheetName.toLowerCase())) unsupported('two sheets with the same name');
      names.add(sheetName.toLowerCase());
      const id = parseInt(a.sheetId ?? '', 10);
      if (!(id >= 1) || ids.has(id)) unsupported('a missing or repeated sheetId');
      ids.add(id);
      sheets.push({
        name: sheetName,
        state: a.state === 'veryHidden' ? 'veryHidden' : a.state === 'hidden' ? 'hidden' : 'visible',
        rId,
      });
    } else if (sheets && sc.depth() === 3 && sc.stack[1] === SHEETS) unsupported(`<${name}> in <sheets>`);
  }
  if (!sheets) unsupported('no <sheets>');
  return { sheets, date1904 };
}

/** xl/styles.xml → the number format code of each cellXfs index. */
export function parseStyles(xml: string): (string | undefined)[] {
  const sc = new Scanner(xml, unsupported);
  const q = openRoot(sc, 'styleSheet');
  const NUM_FMTS = q('numFmts');
  const NUM_FMT = q('numFmt');
  const CELL_XFS = q('cellXfs');
  const XF = q('xf');
  const custom = new Map<number, string>();
  const xfs: number[] = [];
  let seenFmts = false;
  let seenXfs = false;
  for (let k = sc.next(); k !== END; k = sc.next()) {
    if (k === CLOSE) continue;
    const name = sc.qname;
    if (name === NUM_FMTS || name === CELL_XFS) {
      if (sc.depth() !== 2 || (name === NUM_FMTS ? seenFmts : seenXfs)) unsupported(`a second or nested <${name}>`);
      if (name === NUM_FMTS) seenFmts = true;
      else seenXfs = true;
      const list = name;
      for (let j = sc.next(); j !== CLOSE || sc.depth() >= 2; j = sc.next()) {
        if (j === END) unsupported('an unexpected end');
        if (j !== OPEN) continue;
        if (sc.depth() !== 3) {
          // Children of an xf (alignment, protection, extLst) do not matter; a numFmt has none.
          if (list === NUM_FMTS) unsupported('an element inside <numFmt>');
          continue;
        }
        const a = sc.attributes();
        if (list === NUM_FMTS) {
          if (sc.qname !== NUM_FMT) unsupported(`<${sc.qname}> in <numFmts>`);
          if (a.formatCode === undefined) unsupported('a numFmt without formatCode');
          // Kept as written: a backslash escapes the next character (`\\d` is a literal d, no day).
          custom.set(parseInt(a.numFmtId ?? '', 10), a.formatCode);
        } else {
          if (sc.qname !== XF) unsupported(`<${sc.qname}> in <cellXfs>`);
          xfs.push(parseInt(a.numFmtId ?? '', 10));
        }
      }
    }
  }
  // Without cell formats exceljs fails on the first styled cell.
  if (xfs.length === 0) unsupported('no cellXfs');
  return xfs.map((id) => custom.get(id) ?? BUILTIN_NUMBER_FORMATS[id]);
}

/** A shared string: its text, and whether it is rich text (runs). */
export interface SharedString {
  text: string;
  rich: boolean;
}

/** An <si> without text or runs (`<si></si>`): an empty text (exceljs reads « [object Object] »). */
export const NO_STRING: SharedString = { text: '', rich: false };

export function parseSharedStrings(xml: string): SharedString[] {
  const sc = new Scanner(xml, unsupported);
  const q = openRoot(sc, 'sst');
  const SI = q('si');
  const T = q('t');
  const R = q('r');
  const RPR = q('rPr');
  const RPH = q('rPh');
  const PHONETIC_PR = q('phoneticPr');
  const out: SharedString[] = [];
  for (let k = sc.next(); k !== END; k = sc.next()) {
    if (k === CLOSE) continue;
    if (sc.qname !== SI || sc.depth() !== 2) unsupported(`<${sc.qname}> in the shared strings`);
    let text: string | undefined;
    let runs: string[] | undefined;
    for (let j = sc.next(); j !== CLOSE; j = sc.next()) {
      if (j === END) unsupported('an unexpected end');
      const name = sc.qname;
      if (name === T) {
        if (text !== undefined || runs) unsupported('an <si> with several texts');
        text = unescapeX(sc.leafText());
      } else if (name === R) {
        if (text !== undefined) unsupported('an <si> mixing text and runs');
        let run: string | undefined;
        for (let r = sc.next(); r !== CLOSE; r = sc.next()) {
          if (r === END) unsupported('an unexpected end');
          if (sc.qname === RPR) sc.skip();
          else if (sc.qname === T && run === undefined) run = unescapeX(sc.leafText());
          else unsupported(`<${sc.qname}> in a run`);
        }
        (runs ??= []).push(run ?? '');
      } else if (name === RPH || name === PHONETIC_PR) sc.skip();
      else unsupported(`<${name}> in <si>`);
    }
    out.push(runs ? { text: runs.join(''), rich: true } : text !== undefined ? { text, rich: false } : NO_STRING);
  }
  return out;
}
