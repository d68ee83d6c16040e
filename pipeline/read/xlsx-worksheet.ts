import { serialToIso } from '../../core/number-formats';
import { EMPTY, type Cell } from '../../core/tables';
import { unsupported } from './fast-unsupported';
import { lettersToColumn, slideFormula } from './shared-formula';
import { CLOSE, END, OPEN, openRoot, Scanner } from './xml-scanner';
import { NO_STRING, type Relationship, type SharedString } from './xlsx-parts';
import { unescapeX, xmlDecodeTwice } from './xlsx-text';

/** One worksheet part → its rows of cells. */

/** exceljs' utils.excelToDate, then `toISOString().slice(0, 10)` as workbookToTables does. */
export function excelDateToIso(serial: number, date1904: boolean): string {
  return serialToIso(serial, date1904) ?? unsupported('a date out of range');
}

// ---------------------------------------------------------------------------------------------
// Worksheets

const KNOWN_TYPES = new Set(['n', 's', 'str', 'inlineStr', 'b', 'e']);
const RANGE = /^\$?([A-Z]{1,3})\$?([1-9][0-9]*):\$?([A-Z]{1,3})\$?([1-9][0-9]*)$/;

/** One `<c>`: what the XML says, then (reconciled) what exceljs makes of it. */
interface CellRecord {
  address: string;
  row: number;
  col: number;
  /** The style index when truthy (exceljs ignores s="0"), else 0. */
  style: number;
  t: string | undefined;
  /** The `<f>` text, undefined when empty; its t, si and ref attributes. */
  formula: string | undefined;
  shareType: string | undefined;
  si: string | undefined;
  ref: string | undefined;
  /** The `<v>` (or inline `<t>`) text, undefined when empty; the inline rich-text runs. */
  value: string | undefined;
  runs: string[] | undefined;
  /**
   * skip: exceljs' « Merge » placeholder (no value, no style: no cell at all); null: a styled empty
   * cell (exists, reads as nothing); hyperlink: the cell reads as its text (`cell`).
   */
  kind: 'skip' | 'null' | 'formula' | 'hyperlink' | 'value';
  /** The exceljs value as the core's cell (formula: its cached result, 0 and false dropped). */
  cell: Cell;
  /** Filled-down copies: the master's address, null when no master was registered. */
  sharedFrom: string | null | undefined;
}

export interface SheetContext {
  strings: SharedString[] | null;
  dateStyles: boolean[];
  date1904: boolean;
  rels: () => Map<string, Relationship> | null;
}

/** `AB12` (canonical: no `$`, no leading zero, at most XFD) → row and column, else unsupported. */
function decodeAddress(address: string | undefined): { row: number; col: number } {
  let col = 0;
  let i = 0;
  const n = address === undefined ? 0 : address.length;
  for (; i < n; i++) {
    const ch = address!.charCodeAt(i);
    if (ch < 65 || ch > 90) break;
    col = col * 26 + ch - 64;
  }
  let row = 0;
  const digits = i;
  for (; i < n; i++) {
    const ch = address!.charCodeAt(i);
    if (ch < 48 || ch > 57) break;
    row = row * 10 + ch - 48;
  }
  if (digits === 0 || digits > 3 || i !== n || i === digits || address!.charCodeAt(digits) === 48 || col > 16384 || row > 1048576)
    unsupported(`the cell address ${address}`);
  return { row, col };
}

/** exceljs' plain() of the core reader, for a value that is not a formula. */
function plainString(text: string): Cell {
  return text === '' ? EMPTY : { kind: 'string', value: text };
}

/** A cached formula result as exceljs types it (after its date conversion). */
type Result = undefined | number | string | boolean | { error: string } | { date: string };

function resultCell(result: Result): Cell {
  if (result === undefined) return EMPTY;
  if (typeof result === 'number') return { kind: 'number', value: result };
  if (typeof result === 'string') return plainString(result);
  if (typeof result === 'boolean') return { kind: 'boolean', value: result };
  if ('date' in result) return { kind: 'date', value: result.date };
  return { kind: 'error', value: String(result.error) };
}

/** What exceljs' cell-xform parseClose + reconcile make of one cell (hyperlinks included). */
function reconcile(r: CellRecord, ctx: SheetContext, link: string | undefined, masters: Map<string, string>): void {
  const dateStyle = r.style ? ctx.dateStyles[r.style] === true : false;
  if (r.formula !== undefined || r.shareType) {
    if (r.runs) unsupported('an inline string in a formula cell');
    let result: Result;
    if (r.value !== undefined) {
      if (r.t === 'str') result = xmlDecodeTwice(r.value);
      else if (r.t === 'b') result = parseInt(r.value, 10) !== 0;
      else if (r.t === 'e') result = { error: r.value };
      else result = parseFloat(r.value);
      if (dateStyle) {
        if (typeof result === 'object') unsupported('an error cached in a date cell');
        result = { date: excelDateToIso(+result, ctx.date1904) };
      }
    }
    if (r.shareType === 'shared') {
      if (r.ref) masters.set(String(r.si), r.address);
      else r.sharedFrom = masters.get(String(r.si)) ?? null;
    }
    if (link) {
      // exceljs turns the cell into a hyperlink whose text is the cached result: the formula is lost.
      r.kind = 'hyperlink';
      r.cell = resultCell(result);
    } else {
      // FormulaValue._copyModel drops a falsy result (0, false, NaN).
      r.kind = 'formula';
      r.cell = resultCell(typeof result === 'object' || result ? result : undefined);
    }
    return;
  }
  if (r.value === undefined && !r.runs) {
    r.kind = link ? 'hyperlink' : r.style ? 'null' : 'skip';
    r.cell = EMPTY;
    return;
  }
  let rich = false;
  const value = r.value as string;
  switch (r.t) {
    case 's': {
      if (r.runs) unsupported('an inline string in a shared-string cell');
      if (!ctx.strings) unsupported('a shared string without xl/sharedStrings.xml');
      const shared = ctx.strings[parseInt(value, 10)];
      if (!shared || shared === NO_STRING) unsupported('a missing or empty shared string');
      rich = shared.rich;
      r.cell = plainString(shared.text);
      break;
    }
    case 'str':
      r.cell = plainString(xmlDecodeTwice(value));
      break;
    case 'inlineStr':
      rich = r.runs !== undefined;
      r.cell = plainString(r.runs ? r.runs.join('') : value);
      break;
    default:
      if (r.runs) unsupported('an inline string in a cell that is not t="inlineStr"');
      if (r.t === 'b') r.cell = { kind: 'boolean', value: parseInt(value, 10) !== 0 };
      else if (r.t === 'e') r.cell = { kind: 'error', value };
      else {
        const n = parseFloat(value);
        r.cell = dateStyle ? { kind: 'date', value: excelDateToIso(n, ctx.date1904) } : { kind: 'number', value: n };
      }
  }
  // A rich text with a hyperlink reads as « [object Object] » in exceljs: leave it to exceljs.
  if (link && rich) unsupported('a hyperlink on rich text');
  r.kind = link ? 'hyperlink' : 'value';
}

export function parseWorksheet(xml: string, ctx: SheetContext): Cell[][] {
  const sc = new Scanner(xml);
  const q = openRoot(sc, 'worksheet');
  const SHEET_DATA = q('sheetData');
  const ROW = q('row');
  const C = q('c');
  const F = q('f');
  const V = q('v');
  const IS = q('is');
  const T = q('t');
  const R = q('r');
  const RPR = q('rPr');
  const MERGE_CELLS = q('mergeCells');
  const MERGE_CELL = q('mergeCell');
  const HYPERLINKS = q('hyperlinks');
  const HYPERLINK = q('hyperlink');

  // The cells in document order (exceljs registers shared-formula masters in that order).
  const records: CellRecord[] = [];
  const merges: { top: number; left: number; bottom: number; right: number }[] = [];
  const hyperlinkRefs: { ref: string | undefined; rId: string }[] = [];
  let seenSheetData = false;
  let seenMerges = false;
  let seenHyperlinks = false;

  for (let k = sc.next(); k !== END; k = sc.next()) {
    if (k === CLOSE) continue;
    const name = sc.qname;
    if (name === SHEET_DATA) {
      if (sc.depth() !== 2 || seenSheetData) unsupported('a second or nested <sheetData>');
      seenSheetData = true;
      // Rows and cells in increasing order, as Excel writes them (so none is repeated).
      let lastRow = 0;
      for (let r = sc.next(); r !== CLOSE; r = sc.next()) {
        if (r === END) unsupported('an unexpected end');
        if (sc.qname !== ROW) unsupported(`<${sc.qname}> in <sheetData>`);
        const rowAttr = sc.attr('r');
        if (rowAttr === undefined || !/^[1-9][0-9]*$/.test(rowAttr)) unsupported('a row without a number');
        const rowNumber = Number(rowAttr);
        if (rowNumber <= lastRow) unsupported('rows out of order');
        lastRow = rowNumber;
        let lastCol = 0;
        for (let c = sc.next(); c !== CLOSE; c = sc.next()) {
          if (c === END) unsupported('an unexpected end');
          if (sc.qname !== C) unsupported(`<${sc.qname}> in <row>`);
          const address = sc.attr('r');
          const { row, col } = decodeAddress(address);
          if (row !== rowNumber) unsupported('a cell outside its row');
          if (col <= lastCol) unsupported('cells out of order');
          lastCol = col;
          const t = sc.attr('t');
          if (t !== undefined && !KNOWN_TYPES.has(t)) unsupported(`the cell type t="${t}"`);
          // exceljs: `if (s) styleId = parseInt(s)`, then only a truthy id counts.
          const s = sc.attr('s');
          const record: CellRecord = {
            address: address!,
            row,
            col,
            style: s ? parseInt(s, 10) || 0 : 0,
            t,
            formula: undefined,
            shareType: undefined,
            si: undefined,
            ref: undefined,
            value: undefined,
            runs: undefined,
            kind: 'skip',
            cell: EMPTY,
            sharedFrom: undefined,
          };
          let hasF = false;
          let hasValue = false;
          for (let e = sc.next(); e !== CLOSE; e = sc.next()) {
            if (e === END) unsupported('an unexpected end');
            const child = sc.qname;
            if (child === F) {
              if (hasF) unsupported('two formulas in a cell');
              hasF = true;
              record.shareType = sc.attr('t');
              record.si = sc.attr('si');
              record.ref = sc.attr('ref');
              record.formula = sc.leafText() || undefined;
            } else if (child === V) {
              if (hasValue) unsupported('two values in a cell');
              hasValue = true;
              record.value = sc.leafText() || undefined;
            } else if (child === IS) {
              if (hasValue) unsupported('two values in a cell');
              hasValue = true;
              let sawText = false;
              for (let i = sc.next(); i !== CLOSE; i = sc.next()) {
                if (i === END) unsupported('an unexpected end');
                if (sc.qname === T && !sawText && !record.runs) {
                  // An inline <t> is taken as it is: exceljs does not unescape _xHHHH_ there.
                  sawText = true;
                  record.value = sc.leafText() || undefined;
                } else if (sc.qname === R && !sawText) {
                  let run: string | undefined;
                  for (let j = sc.next(); j !== CLOSE; j = sc.next()) {
                    if (j === END) unsupported('an unexpected end');
                    if (sc.qname === RPR) sc.skip();
                    else if (sc.qname === T && run === undefined) run = unescapeX(sc.leafText());
                    else unsupported(`<${sc.qname}> in an inline run`);
                  }
                  (record.runs ??= []).push(run ?? '');
                } else unsupported(`<${sc.qname}> in an inline string`);
              }
            } else unsupported(`<${child}> in a cell`);
          }
          records.push(record);
        }
      }
    } else if (name === MERGE_CELLS || name === HYPERLINKS) {
      if (sc.depth() !== 2 || (name === MERGE_CELLS ? seenMerges : seenHyperlinks)) unsupported(`a second or nested <${name}>`);
      if (name === MERGE_CELLS) seenMerges = true;
      else seenHyperlinks = true;
      const child = name === MERGE_CELLS ? MERGE_CELL : HYPERLINK;
      for (let j = sc.next(); j !== CLOSE || sc.depth() >= 2; j = sc.next()) {
        if (j === END) unsupported('an unexpected end');
        if (j !== OPEN) continue;
        if (sc.qname !== child || sc.depth() !== 3) unsupported(`<${sc.qname}> in <${name}>`);
        if (child === MERGE_CELL) {
          const ref = sc.attr('ref');
          const m = RANGE.exec(ref ?? '');
          if (!m) unsupported(`the merged range ${ref}`);
          const [r1, c1, r2, c2] = [Number(m[2]), lettersToColumn(m[1]!), Number(m[4]), lettersToColumn(m[3]!)];
          const range = { top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) };
          if (range.right > 16384) unsupported(`the merged range ${ref}`);
          // exceljs refuses to merge cells already merged.
          for (const other of merges)
            if (!(other.bottom < range.top || other.top > range.bottom || other.right < range.left || other.left > range.right))
              unsupported('overlapping merged ranges');
          merges.push(range);
        } else {
          const rId = sc.attr('r:id');
          if (rId) hyperlinkRefs.push({ ref: sc.attr('ref'), rId });
        }
      }
    } else if (name === ROW || name === C || name === MERGE_CELL || name === HYPERLINK) {
      unsupported(`a misplaced <${name}>`);
    }
  }

  // Hyperlinks with a relationship: the cell at that address reads as its text.
  let hyperlinks: Map<string, string | undefined> | null = null;
  if (hyperlinkRefs.length > 0) {
    const rels = ctx.rels();
    hyperlinks = new Map();
    for (const h of hyperlinkRefs) {
      const rel = rels?.get(h.rId);
      if (!rel) unsupported('a hyperlink without its relationship');
      if (h.ref !== undefined) hyperlinks.set(h.ref, rel.target);
    }
  }

  const masters = new Map<string, string>();
  for (const r of records) reconcile(r, ctx, hyperlinks?.get(r.address) || undefined, masters);

  const mergedAway = (row: number, col: number): boolean => {
    for (const m of merges) if (row >= m.top && row <= m.bottom && col >= m.left && col <= m.right && (row !== m.top || col !== m.left)) return true;
    return false;
  };
  const inMerge = (row: number, col: number): boolean => merges.some((m) => row >= m.top && row <= m.bottom && col >= m.left && col <= m.right);
  let byAddress: Map<string, CellRecord> | null = null;

  const rows: Cell[][] = [];
  for (const p of records) {
    if (p.kind === 'skip' || p.kind === 'null' || (merges.length > 0 && mergedAway(p.row, p.col))) continue;
    let cell = p.cell;
    if (p.kind === 'formula') {
      let text = p.formula;
      if (!text && p.sharedFrom) {
        // A filled-down copy: the master's text, moved (exceljs translates it when asked).
        byAddress ??= new Map(records.filter((x) => x.kind !== 'skip').map((x) => [x.address, x]));
        const master = byAddress.get(p.sharedFrom);
        const at = decodeAddress(p.sharedFrom);
        if (master && master.kind === 'formula' && master.formula && !mergedAway(at.row, at.col)) text = slideFormula(master.formula, at, p);
        else if (master || inMerge(at.row, at.col)) unsupported('a shared formula whose master is not a formula');
      }
      cell = { kind: 'formula', value: cell.value, formula: text ?? '' };
    }
    (rows[p.row - 1] ??= [])[p.col - 1] = cell;
  }
  return rows;
}
