import { isoDatePart, numberCell, serialToIso } from '../../core/number-formats';
import { columnNumber, EMPTY, type Cell } from '../../core/tables';
import { unsupported, WorkbookRefused } from './fast-unsupported';
import { slideFormula } from './shared-formula';
import { CLOSE, END, OPEN, openRoot, Scanner } from '../xml/scanner';
import type { SharedString } from './xlsx-parts';
import { unescapeX } from './xlsx-text';

/** One worksheet part → its rows of cells. */

/** A date serial → `YYYY-MM-DD` (core/number-formats.ts); a serial past any calendar is left to exceljs. */
export function excelDateToIso(serial: number, date1904: boolean): string {
  return serialToIso(serial, date1904) ?? unsupported('a date out of range');
}

// ---------------------------------------------------------------------------------------------
// Worksheets

const KNOWN_TYPES = new Set(['n', 's', 'str', 'inlineStr', 'b', 'e', 'd']);
const RANGE = /^\$?([A-Z]{1,3})\$?([1-9][0-9]*):\$?([A-Z]{1,3})\$?([1-9][0-9]*)$/;

/** One `<c>`: what the XML says, then (reconciled) the cell it reads as. */
interface CellRecord {
  address: string;
  row: number;
  col: number;
  /** The style index (cellXfs), 0 when absent. */
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
  /** skip: not reconciled yet; null: no value (reads as nothing); formula; value. */
  kind: 'skip' | 'null' | 'formula' | 'value';
  /** The core's cell (formula: its cached result, 0 and FALSE included). */
  cell: Cell;
  /** Filled-down copies: the master's address, null when no master was registered. */
  sharedFrom: string | null | undefined;
}

export interface SheetContext {
  strings: SharedString[] | null;
  /** Date.now() past which the read is refused (WorkbookRefused 'tooSlow'). */
  deadline: number;
  /** The number format of each cell style (cellXfs index). */
  formats: (string | undefined)[];
  date1904: boolean;
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
  if (
    digits === 0 ||
    digits > 3 ||
    i !== n ||
    i === digits ||
    address!.charCodeAt(digits) === 48 ||
    col > 16384 ||
    row > 1048576
  )
    unsupported(`the cell address ${address}`);
  return { row, col };
}

/** A text as the core holds it: the empty text is an empty cell. */
function plainString(text: string): Cell {
  return text === '' ? EMPTY : { kind: 'string', value: text };
}

/** A number in a `<v>`: sign, digits, decimals, exponent (a linear pattern: no nested repetition). */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A `<v>` as its type says, with its style's number format (dates, times). */
function typedValue(r: CellRecord, ctx: SheetContext, value: string): Cell {
  switch (r.t) {
    case 'str':
      return plainString(value);
    case 'b': {
      // Only 0 and 1 (openpyxl and Excel read nothing else); anything else is exceljs' to judge.
      const flag = value.trim();
      if (flag !== '0' && flag !== '1') unsupported('a boolean cell that holds neither 0 nor 1');
      return { kind: 'boolean', value: flag === '1' };
    }
    case 'e':
      return { kind: 'error', value };
    case 'd': {
      // An ISO 8601 date (openpyxl with iso_dates, streaming writers, strict files).
      const iso = isoDatePart(value);
      if (iso === null) unsupported('a t="d" cell that is no ISO date');
      return { kind: 'date', value: iso };
    }
    default: {
      // A decimal number as XML Schema writes it: not « » (Number reads 0), nor 0x1A (Number reads 26).
      const text = value.trim();
      if (!DECIMAL.test(text)) unsupported('a number cell that holds no number');
      const n = Number(text);
      if (!Number.isFinite(n)) unsupported('a number cell that holds no number');
      return numberCell(n, ctx.formats[r.style], ctx.date1904);
    }
  }
}

/** What the cell says: a formula with its cached result (0 and FALSE included), a string, a number, a date. */
function reconcile(r: CellRecord, ctx: SheetContext, masters: Map<string, string>): void {
  if (r.shareType === 'shared' && r.ref && r.formula !== undefined) masters.set(String(r.si), r.address);
  if (r.shareType === 'shared' && !r.ref && r.formula === undefined) r.sharedFrom = masters.get(String(r.si)) ?? null;
  // An empty <f/>, or a filled-down copy whose master is missing, holds no formula (Excel and
  // LibreOffice show the cached value).
  if (r.formula !== undefined || (r.sharedFrom !== undefined && r.sharedFrom !== null)) {
    r.kind = 'formula';
    // A string result may be typed s or inlineStr by some writers: its <v> is the text.
    r.cell =
      r.value === undefined
        ? EMPTY
        : r.t === 's' || r.t === 'inlineStr'
          ? plainString(r.value)
          : typedValue(r, ctx, r.value);
    return;
  }
  if (r.value === undefined && !r.runs) {
    r.kind = 'null';
    r.cell = EMPTY;
    return;
  }
  const value = r.value ?? '';
  switch (r.t) {
    case 's': {
      if (!ctx.strings) unsupported('a shared string without xl/sharedStrings.xml');
      const shared = ctx.strings[parseInt(value, 10)];
      if (!shared) unsupported('a missing shared string');
      r.cell = plainString(shared.text);
      break;
    }
    case 'inlineStr':
      r.cell = plainString(r.runs ? r.runs.join('') : value);
      break;
    default:
      r.cell = r.value === undefined ? EMPTY : typedValue(r, ctx, r.value);
  }
  r.kind = 'value';
}

/**
 * An inline string `<is>`: its text, or its runs' texts joined; phonetic runs left out. `_xHHHH_`
 * escapes are read as in shared strings (`_x000D_` is a carriage return), as Excel and Apache POI
 * read them; openpyxl and LibreOffice leave them as typed in inline strings (readers disagree).
 */
function readInlineString(sc: Scanner, T: string, R: string, RPH: string, PHONETIC_PR: string): string {
  let text = '';
  for (let i = sc.next(); i !== CLOSE; i = sc.next()) {
    if (i === END) unsupported('an unexpected end');
    if (sc.qname === T) text += unescapeX(sc.leafText());
    else if (sc.qname === R) {
      for (let j = sc.next(); j !== CLOSE; j = sc.next()) {
        if (j === END) unsupported('an unexpected end');
        if (sc.qname === T) text += unescapeX(sc.leafText());
        else sc.skip();
      }
    } else if (sc.qname === RPH || sc.qname === PHONETIC_PR) sc.skip();
    else unsupported(`<${sc.qname}> in an inline string`);
  }
  return text;
}

interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * The records hidden under a merged range (all but its top-left cell), as indexes. Each range only
 * looks at the rows that hold cells, and finds its columns by binary search: linear in the merges
 * and the cells, whatever their number. Overlapping ranges (which Excel never writes) hide the
 * union of what each hides.
 */
function mergedAway(records: readonly CellRecord[], merges: readonly Merge[], deadline: number): Set<number> {
  const away = new Set<number>();
  if (merges.length === 0) return away;
  // Rows in increasing order, each with the index of its first record (records come in row, column order).
  const rowNumbers: number[] = [];
  const rowStarts: number[] = [];
  records.forEach((r, i) => {
    if (rowNumbers[rowNumbers.length - 1] !== r.row) {
      rowNumbers.push(r.row);
      rowStarts.push(i);
    }
  });
  rowStarts.push(records.length);
  const firstAtLeast = (values: (i: number) => number, from: number, to: number, target: number): number => {
    while (from < to) {
      const mid = (from + to) >>> 1;
      if (values(mid) < target) from = mid + 1;
      else to = mid;
    }
    return from;
  };
  // Ranges that overlap (no writer makes them) could make this quadratic: a bound, then a refusal.
  let budget = 20_000_000 + 4 * records.length;
  for (const m of merges) {
    for (
      let k = firstAtLeast((i) => rowNumbers[i]!, 0, rowNumbers.length, m.top);
      k < rowNumbers.length && rowNumbers[k]! <= m.bottom;
      k++
    ) {
      if (--budget < 0) throw new WorkbookRefused('tooManyMerges', merges.length);
      if ((budget & 65535) === 0 && Date.now() >= deadline) throw new WorkbookRefused('tooSlow', 0);
      const end = rowStarts[k + 1]!;
      for (
        let i = firstAtLeast((j) => records[j]!.col, rowStarts[k]!, end, m.left);
        i < end && records[i]!.col <= m.right;
        i++
      )
        if (--budget < 0) throw new WorkbookRefused('tooManyMerges', merges.length);
        else if (records[i]!.row !== m.top || records[i]!.col !== m.left) away.add(i);
    }
  }
  return away;
}

export function parseWorksheet(xml: string, ctx: SheetContext): Cell[][] {
  const sc = new Scanner(xml, unsupported);
  const q = openRoot(sc, 'worksheet');
  const SHEET_DATA = q('sheetData');
  const ROW = q('row');
  const C = q('c');
  const F = q('f');
  const V = q('v');
  const IS = q('is');
  const T = q('t');
  const R = q('r');
  const MERGE_CELLS = q('mergeCells');
  const MERGE_CELL = q('mergeCell');
  const RPH = q('rPh');
  const PHONETIC_PR = q('phoneticPr');

  // The cells in document order (shared-formula masters come before their copies).
  const records: CellRecord[] = [];
  const merges: Merge[] = [];
  let seenSheetData = false;
  let seenMerges = false;

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
          let v: string | undefined;
          let inline: string | undefined;
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
              if (v !== undefined) unsupported('two values in a cell');
              v = sc.leafText();
            } else if (child === IS) {
              if (inline !== undefined) unsupported('two inline strings in a cell');
              inline = readInlineString(sc, T, R, RPH, PHONETIC_PR);
            } else unsupported(`<${child}> in a cell`);
          }
          // A cell with both: its type says which one is read (as openpyxl and LibreOffice do).
          record.value = (t === 'inlineStr' ? (inline ?? v) : (v ?? inline)) || undefined;
          records.push(record);
          // Every few thousand cells: past the deadline, the workbook is refused rather than read for ever.
          if ((records.length & 4095) === 0 && Date.now() >= ctx.deadline) throw new WorkbookRefused('tooSlow', 0);
        }
      }
    } else if (name === MERGE_CELLS) {
      if (sc.depth() !== 2 || seenMerges) unsupported(`a second or nested <${name}>`);
      seenMerges = true;
      for (let j = sc.next(); j !== CLOSE || sc.depth() >= 2; j = sc.next()) {
        if (j === END) unsupported('an unexpected end');
        if (j !== OPEN) continue;
        if (sc.qname !== MERGE_CELL || sc.depth() !== 3) unsupported(`<${sc.qname}> in <${name}>`);
        const ref = sc.attr('ref');
        const m = RANGE.exec(ref ?? '');
        if (!m) unsupported(`the merged range ${ref}`);
        const [r1, c1, r2, c2] = [Number(m[2]), columnNumber(m[1]!), Number(m[4]), columnNumber(m[3]!)];
        const range = {
          top: Math.min(r1, r2),
          left: Math.min(c1, c2),
          bottom: Math.max(r1, r2),
          right: Math.max(c1, c2),
        };
        if (range.right > 16384) unsupported(`the merged range ${ref}`);
        merges.push(range);
      }
    } else if (name === ROW || name === C || name === MERGE_CELL) {
      unsupported(`a misplaced <${name}>`);
    }
  }

  const masters = new Map<string, string>();
  for (const r of records) reconcile(r, ctx, masters);

  const away = mergedAway(records, merges, ctx.deadline);
  let byAddress: Map<string, CellRecord> | null = null;

  const rows: Cell[][] = [];
  for (let i = 0; i < records.length; i++) {
    const p = records[i]!;
    if (p.kind === 'skip' || p.kind === 'null' || away.has(i)) continue;
    let cell = p.cell;
    if (p.kind === 'formula') {
      let text = p.formula;
      if (!text && p.sharedFrom) {
        // A filled-down copy: the master's text, moved to this cell.
        byAddress ??= new Map(records.map((x) => [x.address, x]));
        const master = byAddress.get(p.sharedFrom)!;
        text = slideFormula(master.formula!, decodeAddress(p.sharedFrom), p);
      }
      cell = { kind: 'formula', value: cell.value, formula: text ?? '' };
    }
    (rows[p.row - 1] ??= [])[p.col - 1] = cell;
  }
  return rows;
}
