import { compact, EMPTY, type Cell, type Sheet, type Tables } from '../../core/tables';

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

export class FastReaderUnsupported extends Error {
  constructor(readonly reason: string) {
    super(`fast xlsx reader: ${reason}`);
    this.name = 'FastReaderUnsupported';
  }
}

function unsupported(reason: string): never {
  throw new FastReaderUnsupported(reason);
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

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
// XML scanning

const END = 0;
const OPEN = 1;
const CLOSE = 2;

function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

/** Replaces the five predefined entities and character references, as an XML parser does. */
function decodeEntities(raw: string): string {
  let out = '';
  let last = 0;
  for (let amp = raw.indexOf('&'); amp >= 0; amp = raw.indexOf('&', last)) {
    const semi = raw.indexOf(';', amp + 1);
    if (semi < 0) unsupported('an unterminated entity');
    const name = raw.slice(amp + 1, semi);
    let ch: string;
    switch (name) {
      case 'lt':
        ch = '<';
        break;
      case 'gt':
        ch = '>';
        break;
      case 'amp':
        ch = '&';
        break;
      case 'quot':
        ch = '"';
        break;
      case 'apos':
        ch = "'";
        break;
      default: {
        let code = NaN;
        if (/^#x[0-9a-fA-F]+$/.test(name)) code = parseInt(name.slice(2), 16);
        else if (/^#[0-9]+$/.test(name)) code = parseInt(name.slice(1), 10);
        if (!isXmlChar(code)) unsupported(`the entity &${name.slice(0, 12)};`);
        ch = String.fromCodePoint(code);
      }
    }
    out += raw.slice(last, amp) + ch;
    last = semi + 1;
  }
  return out + raw.slice(last);
}

/** Text content: line ends normalised to \n (before references, so `&#13;` stays), then entities. */
function decodeText(raw: string): string {
  if (raw.indexOf('\r') >= 0) raw = raw.replace(/\r\n?/g, '\n');
  return raw.indexOf('&') >= 0 ? decodeEntities(raw) : raw;
}

/** An attribute value: line ends and tabs become spaces (attribute-value normalisation), then entities. */
function decodeAttribute(raw: string): string {
  let plain = true;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw.charCodeAt(i);
    if (ch === 38 || ch === 13 || ch === 10 || ch === 9) {
      plain = false;
      break;
    }
  }
  if (plain) return raw;
  if (/[\r\n\t]/.test(raw)) raw = raw.replace(/\r\n|[\r\n\t]/g, ' ');
  return raw.indexOf('&') >= 0 ? decodeEntities(raw) : raw;
}

function isSpace(ch: number): boolean {
  return ch === 32 || ch === 9 || ch === 10 || ch === 13;
}

type Attributes = Record<string, string | undefined>;

/**
 * A pull scanner over one XML part: next() returns OPEN (a start tag, or an empty-element tag,
 * which is followed by its own CLOSE), CLOSE or END. Comments and processing instructions are
 * skipped; the text between two tags, and attribute values, are decoded only when asked for. Tags
 * must nest properly.
 */
class Scanner {
  private p = 0;
  /** The qualified name of the tag just read. */
  qname = '';
  private textFrom = 0;
  private textTo = 0;
  private pieces: string[] | null = null;
  private closePending = false;
  /** The attributes of the last start tag: name from, name to, value from, value to. */
  private readonly spans: number[] = [];
  private attrCount = 0;
  /** Open elements, the current one last: at an OPEN, its depth is stack.length (the root is 1). */
  readonly stack: string[] = [];

  constructor(private readonly s: string) {}

  depth(): number {
    return this.stack.length;
  }

  next(): number {
    const s = this.s;
    this.pieces = null;
    if (this.closePending) {
      this.closePending = false;
      this.qname = this.stack.pop()!;
      this.textFrom = this.textTo = this.p;
      return CLOSE;
    }
    let from = this.p;
    for (;;) {
      const lt = s.indexOf('<', from);
      if (lt < 0) {
        if (this.stack.length > 0) unsupported(`<${this.stack[this.stack.length - 1]}> is not closed`);
        this.p = s.length;
        return END;
      }
      const c = s.charCodeAt(lt + 1);
      if (c === 47 /* / */) {
        const gt = s.indexOf('>', lt + 2);
        if (gt < 0) unsupported('an unterminated end tag');
        let nameEnd = gt;
        while (nameEnd > lt + 2 && isSpace(s.charCodeAt(nameEnd - 1))) nameEnd--;
        const open = this.stack.pop();
        if (open === undefined || nameEnd - (lt + 2) !== open.length || !s.startsWith(open, lt + 2)) unsupported(`a misplaced </${s.slice(lt + 2, nameEnd)}>`);
        this.qname = open;
        this.textFrom = from;
        this.textTo = lt;
        this.p = gt + 1;
        return CLOSE;
      }
      if (c === 33 /* ! */) {
        if (!s.startsWith('<!--', lt)) unsupported(s.startsWith('<![CDATA[', lt) ? 'a CDATA section' : 'a DTD or declaration');
        const end = s.indexOf('-->', lt + 4);
        if (end < 0) unsupported('an unterminated comment');
        (this.pieces ??= []).push(s.slice(from, lt));
        from = end + 3;
        continue;
      }
      if (c === 63 /* ? */) {
        const end = s.indexOf('?>', lt + 2);
        if (end < 0) unsupported('an unterminated processing instruction');
        (this.pieces ??= []).push(s.slice(from, lt));
        from = end + 2;
        continue;
      }
      const n = s.length;
      let i = lt + 1;
      let ch = c;
      while (i < n && ch !== 62 && ch !== 47 && !isSpace(ch)) ch = s.charCodeAt(++i);
      if (i === lt + 1 || i >= n) unsupported('a malformed tag');
      this.qname = s.slice(lt + 1, i);
      // The attributes, up to `>` or `/>`: only their positions are kept.
      const spans = this.spans;
      let count = 0;
      for (;;) {
        const before = i;
        while (isSpace(ch)) ch = s.charCodeAt(++i);
        if (ch === 62) {
          i++;
          this.closePending = false;
          break;
        }
        if (ch === 47) {
          if (s.charCodeAt(i + 1) !== 62) unsupported(`a malformed <${this.qname}> tag`);
          i += 2;
          this.closePending = true;
          break;
        }
        if (i === before || i >= n) unsupported(`a malformed <${this.qname}> tag`);
        const nameFrom = i;
        while (i < n && ch !== 61 && ch !== 62 && ch !== 47 && !isSpace(ch)) ch = s.charCodeAt(++i);
        const nameTo = i;
        while (isSpace(ch)) ch = s.charCodeAt(++i);
        if (ch !== 61 || nameTo === nameFrom) unsupported(`a malformed attribute in <${this.qname}>`);
        ch = s.charCodeAt(++i);
        while (isSpace(ch)) ch = s.charCodeAt(++i);
        if (ch !== 34 && ch !== 39) unsupported(`an unquoted attribute in <${this.qname}>`);
        const close = s.indexOf(ch === 34 ? '"' : "'", i + 1);
        if (close < 0) unsupported(`an unterminated attribute in <${this.qname}>`);
        const k = count++ * 4;
        spans[k] = nameFrom;
        spans[k + 1] = nameTo;
        spans[k + 2] = i + 1;
        spans[k + 3] = close;
        i = close + 1;
        ch = s.charCodeAt(i);
      }
      this.attrCount = count;
      this.stack.push(this.qname);
      this.textFrom = from;
      this.textTo = lt;
      this.p = i;
      return OPEN;
    }
  }

  /** The decoded text between the previous tag and this one (comments left out). */
  text(): string {
    const last = decodeText(this.s.slice(this.textFrom, this.textTo));
    return this.pieces ? this.pieces.map(decodeText).join('') + last : last;
  }

  /** One attribute of the start tag just read, decoded. */
  attr(name: string): string | undefined {
    const s = this.s;
    const spans = this.spans;
    for (let k = 0; k < this.attrCount * 4; k += 4) {
      const from = spans[k]!;
      if (spans[k + 1]! - from === name.length && s.startsWith(name, from)) return decodeAttribute(s.slice(spans[k + 2], spans[k + 3]));
    }
    return undefined;
  }

  /** All the attributes of the start tag just read, decoded. */
  attributes(): Attributes {
    const out: Attributes = Object.create(null) as Attributes;
    const s = this.s;
    const spans = this.spans;
    for (let k = 0; k < this.attrCount * 4; k += 4) {
      const name = s.slice(spans[k], spans[k + 1]);
      if (out[name] !== undefined) unsupported(`a repeated attribute ${name}`);
      out[name] = decodeAttribute(s.slice(spans[k + 2], spans[k + 3]));
    }
    return out;
  }

  /** Skips the element just opened, with everything inside it. */
  skip(): void {
    const depth = this.stack.length;
    while (this.stack.length >= depth) if (this.next() === END) unsupported('an unexpected end');
  }

  /** The text of an element just opened, which must hold no element. */
  leafText(): string {
    if (this.next() !== CLOSE) unsupported(`an element inside <${this.stack[this.stack.length - 2]}>`);
    return this.text();
  }
}

/**
 * Reads the root element and returns the qualified-name maker of the SpreadsheetML namespace:
 * `name => name` when it is the default namespace (or none is declared), `name => 'x:' + name`
 * when the root is `<x:worksheet xmlns:x="…/main">`. Other namespaces (strict OOXML) are refused.
 */
function openRoot(sc: Scanner, local: string): (name: string) => string {
  if (sc.next() !== OPEN) unsupported(`no <${local}> root`);
  const qname = sc.qname;
  const colon = qname.indexOf(':');
  const prefix = colon < 0 ? '' : qname.slice(0, colon);
  if ((colon < 0 ? qname : qname.slice(colon + 1)) !== local) unsupported(`<${qname}> instead of <${local}>`);
  const attrs = sc.attributes();
  const ns = prefix ? attrs[`xmlns:${prefix}`] : attrs.xmlns;
  if (ns !== MAIN_NS && (prefix || ns !== undefined)) unsupported(`the namespace ${ns ?? prefix}`);
  if (!prefix) return (name) => name;
  // Both a prefix and the default namespace for SpreadsheetML: which elements count is unclear.
  if (attrs.xmlns !== undefined) unsupported('a prefixed root with a default namespace');
  return (name) => `${prefix}:${name}`;
}

// ---------------------------------------------------------------------------------------------
// exceljs' own rules, ported (tests compare them with exceljs)

/** exceljs' utils.xmlDecode, applied a second time to `t="str"` text and to sheet names. */
export function xmlDecodeTwice(text: string): string {
  if (text.indexOf('&') < 0) return text;
  return text.replace(/&([a-z]*);/g, (c) => {
    switch (c) {
      case '&lt;':
        return '<';
      case '&gt;':
        return '>';
      case '&amp;':
        return '&';
      case '&apos;':
        return "'";
      case '&quot;':
        return '"';
      default:
        return c;
    }
  });
}

/** exceljs' TextXform: shared-string and rich-text runs unescape `_xHHHH_` (upper-case hex). */
function unescapeX(text: string): string {
  return text.indexOf('_x') < 0 ? text : text.replace(/_x([0-9A-F]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** exceljs' utils.isDateFmt. */
export function isDateFmt(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const bare = fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return bare.match(/[ymdhMsb]+/) !== null;
}

/** exceljs' built-in number formats (lib/xlsx/defaultnumformats.js), the ids with a format code. */
export const BUILTIN_NUMBER_FORMATS: Readonly<Record<number, string>> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy "h":mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
};

/** exceljs' utils.excelToDate, then `toISOString().slice(0, 10)` as workbookToTables does. */
export function excelDateToIso(serial: number, date1904: boolean): string {
  const date = new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
  if (Number.isNaN(date.getTime())) unsupported('a date out of range');
  return date.toISOString().slice(0, 10);
}

function lettersToColumn(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + letters.charCodeAt(i) - 64;
  return n;
}

function columnToLetters(n: number): string {
  if (!(n >= 1 && n <= 16384)) unsupported(`a column ${n} out of bounds`);
  let out = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

const SLIDE_CANDIDATE = /(([a-z_\-0-9]*)!)?([a-z0-9_$]{2,})([(])?/gi;
const SLIDE_REF = /^([$])?([a-z]+)([$])?([1-9][0-9]*)$/i;

/** exceljs' slideFormula (lib/utils/shared-formula.js): a shared formula's text moved from its master to a cell. */
export function slideFormula(formula: string, from: { row: number; col: number }, to: { row: number; col: number }): string {
  return formula.replace(SLIDE_CANDIDATE, (refMatch: string, sheet: string | undefined, _sheetName: string | undefined, addrPart: string, paren: string | undefined) => {
    if (paren) return refMatch;
    const m = SLIDE_REF.exec(addrPart);
    if (!m) return refMatch;
    const colDollar = m[1];
    const colStr = m[2]!.toUpperCase();
    const rowDollar = m[3];
    if (colStr.length > 3 || (colStr.length === 3 && colStr > 'XFD')) return refMatch;
    let col = lettersToColumn(colStr);
    let row = parseInt(m[4]!, 10);
    if (!colDollar) col += to.col - from.col;
    if (!rowDollar) row += to.row - from.row;
    return (sheet || '') + (colDollar || '') + columnToLetters(col) + (rowDollar || '') + row;
  });
}

// ---------------------------------------------------------------------------------------------
// Parts

interface Relationship {
  type: string | undefined;
  target: string | undefined;
}

/** A .rels part: Id → relationship (a later Id wins, as in exceljs). */
function parseRels(xml: string): Map<string, Relationship> {
  const sc = new Scanner(xml);
  const root = sc.next() === OPEN ? sc.qname : '';
  if (root !== 'Relationships') unsupported('a relationships part without <Relationships>');
  const rels = new Map<string, Relationship>();
  for (let k = sc.next(); k !== END; k = sc.next()) {
    if (k === CLOSE) continue;
    if (sc.qname !== 'Relationship' || sc.depth() !== 2) unsupported(`<${sc.qname}> in a relationships part`);
    const a = sc.attributes();
    rels.set(String(a.Id), { type: a.Type, target: a.Target });
  }
  return rels;
}

interface SheetEntry {
  name: string;
  state: Sheet['state'];
  rId: string;
}

function parseWorkbook(xml: string): { sheets: SheetEntry[]; date1904: boolean } {
  const sc = new Scanner(xml);
  const q = openRoot(sc, 'workbook');
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
      date1904 = sc.attributes().date1904 === '1';
    } else if (name === SHEETS) {
      if (sc.depth() !== 2 || sheets) unsupported('a second or nested <sheets>');
      sheets = [];
    } else if (name === SHEET) {
      if (sc.depth() !== 3 || !sheets || sc.stack[1] !== SHEETS) unsupported('a <sheet> outside <sheets>');
      const a = sc.attributes();
      if (a.name === undefined || a['r:id'] === undefined) unsupported('a sheet without name or r:id');
      const sheetName = xmlDecodeTwice(a.name);
      // exceljs refuses or renames these; leave them to it.
      if (sheetName === '' || sheetName === 'History' || sheetName.length > 31 || /[*?:/\\[\]]/.test(sheetName) || /(^')|('$)/.test(sheetName))
        unsupported('a sheet name exceljs would refuse');
      if (names.has(sheetName.toLowerCase())) unsupported('two sheets with the same name');
      names.add(sheetName.toLowerCase());
      const id = parseInt(a.sheetId ?? '', 10);
      if (!(id >= 1) || ids.has(id)) unsupported('a missing or repeated sheetId');
      ids.add(id);
      sheets.push({ name: sheetName, state: a.state === 'veryHidden' ? 'veryHidden' : a.state === 'hidden' ? 'hidden' : 'visible', rId: a['r:id'] });
    } else if (sheets && sc.depth() === 3 && sc.stack[1] === SHEETS) unsupported(`<${name}> in <sheets>`);
  }
  if (!sheets) unsupported('no <sheets>');
  return { sheets, date1904 };
}

/** xl/styles.xml → for each cellXfs index, whether exceljs would read its numbers as dates. */
function parseStyles(xml: string): boolean[] {
  const sc = new Scanner(xml);
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
          custom.set(parseInt(a.numFmtId ?? '', 10), a.formatCode.replace(/[\\](.)/g, '$1'));
        } else {
          if (sc.qname !== XF) unsupported(`<${sc.qname}> in <cellXfs>`);
          xfs.push(parseInt(a.numFmtId ?? '', 10));
        }
      }
    }
  }
  // Without cell formats exceljs fails on the first styled cell.
  if (xfs.length === 0) unsupported('no cellXfs');
  return xfs.map((id) => Boolean(id) && isDateFmt(custom.get(id) || BUILTIN_NUMBER_FORMATS[id]));
}

/** A shared string: its text, and whether it is rich text (runs). */
interface SharedString {
  text: string;
  rich: boolean;
}

/** Marks an <si> exceljs reads as an object (no text, no runs): only an error if a cell uses it. */
const NO_STRING: SharedString = { text: '', rich: false };

function parseSharedStrings(xml: string): SharedString[] {
  const sc = new Scanner(xml);
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

interface SheetContext {
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

function parseWorksheet(xml: string, ctx: SheetContext): Cell[][] {
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
