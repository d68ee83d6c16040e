/**
 * Just enough XML for editing the parts of an OOXML package in place: escaping, attributes, and a scan of
 * the tags of a document with their depth (comments, processing instructions and CDATA skipped), so an
 * element is found where it really is and not inside a nested `<extLst>`.
 */

export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function unescape(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? whole;
  });
}

export interface Tag {
  kind: 'open' | 'close' | 'empty';
  /** Qualified name as written, `xdr:wsDr`. */
  name: string;
  /** Name without its prefix, `wsDr`. */
  local: string;
  attributes: Map<string, string>;
  /** Depth of the element: 0 for the root. */
  depth: number;
  start: number;
  end: number;
}

const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function parseAttributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(ATTRIBUTE)) out.set(m[1]!, unescape(m[2] ?? m[3] ?? ''));
  return out;
}

/** Shared by every tag whose attributes were not parsed (too deep to matter): never written to. */
const UNPARSED = new Map<string, string>();

/**
 * The element tags of a document, in order, lazily (a caller can stop at the first it needs).
 * Attributes are parsed only down to `attributesUpToDepth`: a large sheet has many deep tags whose
 * attributes nobody reads. Throws on a document it cannot scan.
 */
export function* iterateTags(xml: string, attributesUpToDepth = Infinity): Generator<Tag> {
  let depth = 0;
  let i = 0;
  while (true) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) break;
    if (xml.startsWith('<!--', lt)) i = after(xml, '-->', lt);
    else if (xml.startsWith('<![CDATA[', lt)) i = after(xml, ']]>', lt);
    else if (xml.startsWith('<?', lt)) i = after(xml, '?>', lt);
    else if (xml.startsWith('<!', lt)) i = after(xml, '>', lt);
    else {
      const end = tagEnd(xml, lt);
      const body = xml.slice(lt + 1, end - 1);
      if (body.startsWith('/')) {
        depth--;
        const name = body.slice(1).trim();
        yield { kind: 'close', name, local: localName(name), attributes: new Map(), depth, start: lt, end };
      } else {
        const selfClosing = body.endsWith('/');
        const inner = selfClosing ? body.slice(0, -1) : body;
        const name = /^[^\s/>]+/.exec(inner)?.[0] ?? '';
        const attributes = depth <= attributesUpToDepth ? parseAttributes(inner.slice(name.length)) : UNPARSED;
        yield { kind: selfClosing ? 'empty' : 'open', name, local: localName(name), attributes, depth, start: lt, end };
        if (!selfClosing) depth++;
      }
      i = end;
    }
  }
}

/** Every element tag of a document, in order. Throws on a document it cannot scan. */
export function scanTags(xml: string): Tag[] {
  return [...iterateTags(xml)];
}

function after(xml: string, marker: string, from: number): number {
  const at = xml.indexOf(marker, from);
  if (at < 0) throw new Error(`unterminated markup at ${from}`);
  return at + marker.length;
}

/** The index just past the `>` closing the tag at `lt`, quotes respected. */
function tagEnd(xml: string, lt: number): number {
  let quote = '';
  for (let j = lt + 1; j < xml.length; j++) {
    const ch = xml[j]!;
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '>') return j + 1;
  }
  throw new Error(`unterminated tag at ${lt}`);
}

export const localName = (name: string): string => name.slice(name.indexOf(':') + 1);
export const prefixOf = (name: string): string => (name.includes(':') ? name.slice(0, name.indexOf(':')) : '');

/** The root element's start tag. */
export function rootTag(xml: string): Tag {
  for (const tag of iterateTags(xml, 0)) if (tag.depth === 0 && tag.kind !== 'close') return tag;
  throw new Error('no root element');
}

/** The prefix the root declares for a namespace (`''` for the default namespace), or null. */
export function prefixFor(root: Tag, namespace: string): string | null {
  for (const [name, value] of root.attributes) {
    if (value !== namespace) continue;
    if (name === 'xmlns') return '';
    if (name.startsWith('xmlns:')) return name.slice(6);
  }
  return null;
}

/** The children of the root (depth 1), start tags only. */
export function topLevel(xml: string): Tag[] {
  return [...iterateTags(xml, 1)].filter((t) => t.depth === 1 && t.kind !== 'close');
}

/** The index of the root's closing tag. */
export function rootCloseIndex(xml: string): number {
  let close: Tag | undefined;
  for (const tag of iterateTags(xml, -1)) if (tag.depth === 0 && tag.kind === 'close') close = tag;
  if (!close) throw new Error('the root element is not closed');
  return close.start;
}
