/**
 * A pull scanner over one XML part (no DOM, no SAX events): indexOf and character codes, linear in
 * the part's length. Shared by the reader (pipeline/read) and the package edits (pipeline/write), so
 * it depends on neither: anything it does not recognise goes to the `fail` its caller gives (the
 * reader's falls back to exceljs), by default an XmlScanError.
 */

/** What the scanner throws by default: a part it does not recognise (a reason in English, for logs). */
export class XmlScanError extends Error {
  constructor(readonly reason: string) {
    super(`XML not scanned: ${reason}`);
    this.name = 'XmlScanError';
  }
}

export type Fail = (reason: string) => never;

const scanError: Fail = (reason) => {
  throw new XmlScanError(reason);
};

export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

export const END = 0;
export const OPEN = 1;
export const CLOSE = 2;

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/** Replaces the five predefined entities and character references, as an XML parser does. */
function decodeEntities(raw: string, unsupported: Fail): string {
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
function normaliseLineEnds(raw: string): string {
  return raw.indexOf('\r') >= 0 ? raw.replace(/\r\n?/g, '\n') : raw;
}

function decodeText(raw: string, unsupported: Fail): string {
  raw = normaliseLineEnds(raw);
  return raw.indexOf('&') >= 0 ? decodeEntities(raw, unsupported) : raw;
}

/** An attribute value: line ends and tabs become spaces (attribute-value normalisation), then entities. */
function decodeAttribute(raw: string, unsupported: Fail): string {
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
  return raw.indexOf('&') >= 0 ? decodeEntities(raw, unsupported) : raw;
}

function isSpace(ch: number): boolean {
  return ch === 32 || ch === 9 || ch === 10 || ch === 13;
}

export type Attributes = Record<string, string | undefined>;

/**
 * A pull scanner over one XML part: next() returns OPEN (a start tag, or an empty-element tag,
 * which is followed by its own CLOSE), CLOSE or END. Comments and processing instructions are
 * skipped; the text between two tags, and attribute values, are decoded only when asked for. Tags
 * must nest properly.
 */
export class Scanner {
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

  /** Where the tag just read starts (its `<`) and ends (just past its `>`): for editing a part in place. */
  tagFrom = 0;
  tagTo = 0;
  /** Whether the OPEN just read is an empty-element tag `<x/>` (its CLOSE, next, is no tag: tagFrom = tagTo). */
  selfClosing = false;

  constructor(
    private readonly s: string,
    /** Called with the reason when the part is not one the scanner reads; must throw. */
    readonly fail: Fail = scanError,
  ) {}

  depth(): number {
    return this.stack.length;
  }

  next(): number {
    const s = this.s;
    this.pieces = null;
    if (this.closePending) {
      this.closePending = false;
      this.qname = this.stack.pop()!;
      this.textFrom = this.textTo = this.tagFrom = this.tagTo = this.p;
      return CLOSE;
    }
    let from = this.p;
    for (;;) {
      const lt = s.indexOf('<', from);
      if (lt < 0) {
        if (this.stack.length > 0) this.fail(`<${this.stack[this.stack.length - 1]}> is not closed`);
        this.p = s.length;
        return END;
      }
      const c = s.charCodeAt(lt + 1);
      if (c === 47 /* / */) {
        const gt = s.indexOf('>', lt + 2);
        if (gt < 0) this.fail('an unterminated end tag');
        let nameEnd = gt;
        while (nameEnd > lt + 2 && isSpace(s.charCodeAt(nameEnd - 1))) nameEnd--;
        const open = this.stack.pop();
        if (open === undefined || nameEnd - (lt + 2) !== open.length || !s.startsWith(open, lt + 2))
          this.fail(`a misplaced </${s.slice(lt + 2, nameEnd)}>`);
        this.qname = open;
        this.textFrom = from;
        this.textTo = lt;
        this.p = gt + 1;
        this.tagFrom = lt;
        this.tagTo = gt + 1;
        return CLOSE;
      }
      if (c === 33 /* ! */) {
        if (s.startsWith('<![CDATA[', lt)) {
          // A CDATA section is text taken literally (only its line ends are normalised).
          const end = s.indexOf(']]>', lt + 9);
          if (end < 0) this.fail('an unterminated CDATA section');
          (this.pieces ??= []).push(decodeText(s.slice(from, lt), this.fail), normaliseLineEnds(s.slice(lt + 9, end)));
          from = end + 3;
          continue;
        }
        if (!s.startsWith('<!--', lt)) this.fail('a DTD or declaration');
        const end = s.indexOf('-->', lt + 4);
        if (end < 0) this.fail('an unterminated comment');
        (this.pieces ??= []).push(decodeText(s.slice(from, lt), this.fail));
        from = end + 3;
        continue;
      }
      if (c === 63 /* ? */) {
        const end = s.indexOf('?>', lt + 2);
        if (end < 0) this.fail('an unterminated processing instruction');
        (this.pieces ??= []).push(decodeText(s.slice(from, lt), this.fail));
        from = end + 2;
        continue;
      }
      const n = s.length;
      let i = lt + 1;
      let ch = c;
      while (i < n && ch !== 62 && ch !== 47 && !isSpace(ch)) ch = s.charCodeAt(++i);
      if (i === lt + 1 || i >= n) this.fail('a malformed tag');
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
          if (s.charCodeAt(i + 1) !== 62) this.fail(`a malformed <${this.qname}> tag`);
          i += 2;
          this.closePending = true;
          break;
        }
        if (i === before || i >= n) this.fail(`a malformed <${this.qname}> tag`);
        const nameFrom = i;
        while (i < n && ch !== 61 && ch !== 62 && ch !== 47 && !isSpace(ch)) ch = s.charCodeAt(++i);
        const nameTo = i;
        while (isSpace(ch)) ch = s.charCodeAt(++i);
        if (ch !== 61 || nameTo === nameFrom) this.fail(`a malformed attribute in <${this.qname}>`);
        ch = s.charCodeAt(++i);
        while (isSpace(ch)) ch = s.charCodeAt(++i);
        if (ch !== 34 && ch !== 39) this.fail(`an unquoted attribute in <${this.qname}>`);
        const close = s.indexOf(ch === 34 ? '"' : "'", i + 1);
        if (close < 0) this.fail(`an unterminated attribute in <${this.qname}>`);
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
      this.tagFrom = lt;
      this.tagTo = i;
      this.selfClosing = this.closePending;
      return OPEN;
    }
  }

  /** The decoded text between the previous tag and this one (comments left out). */
  text(): string {
    const last = decodeText(this.s.slice(this.textFrom, this.textTo), this.fail);
    return this.pieces ? this.pieces.join('') + last : last;
  }

  /** One attribute of the start tag just read, decoded. */
  attr(name: string): string | undefined {
    const s = this.s;
    const spans = this.spans;
    for (let k = 0; k < this.attrCount * 4; k += 4) {
      const from = spans[k]!;
      if (spans[k + 1]! - from === name.length && s.startsWith(name, from))
        return decodeAttribute(s.slice(spans[k + 2], spans[k + 3]), this.fail);
    }
    return undefined;
  }

  /** Where one attribute's raw value lies in the part (quotes excluded), to replace it in place. */
  attrValueRange(name: string): [from: number, to: number] | undefined {
    const s = this.s;
    const spans = this.spans;
    for (let k = 0; k < this.attrCount * 4; k += 4) {
      const from = spans[k]!;
      if (spans[k + 1]! - from === name.length && s.startsWith(name, from)) return [spans[k + 2]!, spans[k + 3]!];
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
      if (out[name] !== undefined) this.fail(`a repeated attribute ${name}`);
      out[name] = decodeAttribute(s.slice(spans[k + 2], spans[k + 3]), this.fail);
    }
    return out;
  }

  /** Skips the element just opened, with everything inside it. */
  skip(): void {
    const depth = this.stack.length;
    while (this.stack.length >= depth) if (this.next() === END) this.fail('an unexpected end');
  }

  /** The text of an element just opened, which must hold no element. */
  leafText(): string {
    if (this.next() !== CLOSE) this.fail(`an element inside <${this.stack[this.stack.length - 2]}>`);
    return this.text();
  }
}

/**
 * Reads the root element and returns the qualified-name maker of the SpreadsheetML namespace:
 * `name => name` when it is the default namespace (or none is declared), `name => 'x:' + name`
 * when the root is `<x:worksheet xmlns:x="…/main">`. Other namespaces (strict OOXML) are refused.
 */
export function openRoot(sc: Scanner, local: string): (name: string) => string {
  if (sc.next() !== OPEN) sc.fail(`no <${local}> root`);
  const qname = sc.qname;
  const colon = qname.indexOf(':');
  const prefix = colon < 0 ? '' : qname.slice(0, colon);
  if ((colon < 0 ? qname : qname.slice(colon + 1)) !== local) sc.fail(`<${qname}> instead of <${local}>`);
  const attrs = sc.attributes();
  const ns = prefix ? attrs[`xmlns:${prefix}`] : attrs.xmlns;
  if (ns !== MAIN_NS && (prefix || ns !== undefined)) sc.fail(`the namespace ${ns ?? prefix}`);
  if (!prefix) return (name) => name;
  // Both a prefix and the default namespace for SpreadsheetML: which elements count is unclear.
  if (attrs.xmlns !== undefined) sc.fail('a prefixed root with a default namespace');
  return (name) => `${prefix}:${name}`;
}

/** The relationships namespace of `r:id` attributes (transitional OOXML). */
export const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * The qualified names an attribute of namespace `ns` may take under the prefixes the root declares
 * (`r:id`, `ns1:id`: ElementTree-based writers choose their own prefixes). `r:` when none is declared.
 */
export function qualifiedAttributeNames(rootAttributes: Attributes, ns: string, local: string): string[] {
  const names: string[] = [];
  for (const [name, value] of Object.entries(rootAttributes))
    if (name.startsWith('xmlns:') && value === ns) names.push(`${name.slice(6)}:${local}`);
  return names.length > 0 ? names : [`r:${local}`];
}
