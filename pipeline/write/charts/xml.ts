import { CLOSE, END, OPEN, Scanner } from '../../xml/scanner';

/**
 * Just enough XML for editing the parts of an OOXML package in place (escaping is pipeline/xml/escape.ts): the tags of a
 * document with their depth and position (comments, processing instructions and CDATA skipped), so an
 * element is found where it really is and not inside a nested `<extLst>`.
 */

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

/** Shared by every tag whose attributes were not read (too deep to matter, or a close tag): never written to. */
const UNPARSED = new Map<string, string>();

/**
 * The element tags of a document, in order, lazily (a caller can stop at the first it needs), read by
 * the reader's scanner (pipeline/xml/scanner.ts). Attributes are decoded only down to
 * `attributesUpToDepth`: a large sheet has many deep tags whose attributes nobody reads. Throws an
 * XmlScanError on a document it cannot scan.
 */
export function* iterateTags(xml: string, attributesUpToDepth = Infinity): Generator<Tag> {
  const sc = new Scanner(xml);
  let skipClose = false;
  for (let kind = sc.next(); kind !== END; kind = sc.next()) {
    const name = sc.qname;
    if (kind === OPEN) {
      const depth = sc.depth() - 1;
      const attributes =
        depth <= attributesUpToDepth ? new Map(Object.entries(sc.attributes()) as [string, string][]) : UNPARSED;
      skipClose = sc.selfClosing;
      yield {
        kind: skipClose ? 'empty' : 'open',
        name,
        local: localName(name),
        attributes,
        depth,
        start: sc.tagFrom,
        end: sc.tagTo,
      };
    } else if (kind === CLOSE) {
      // The CLOSE that follows an empty-element tag is no tag of its own.
      if (skipClose) skipClose = false;
      else
        yield {
          kind: 'close',
          name,
          local: localName(name),
          attributes: UNPARSED,
          depth: sc.depth(),
          start: sc.tagFrom,
          end: sc.tagTo,
        };
    }
  }
}

/** Every element tag of a document, in order. Throws on a document it cannot scan. */
export function scanTags(xml: string): Tag[] {
  return [...iterateTags(xml)];
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

/** The children of the root (depth 1), start tags only; deeper tags (a large sheet's cells) are skipped, not kept. */
export function topLevel(xml: string): Tag[] {
  const out: Tag[] = [];
  for (const tag of iterateTags(xml, 1)) if (tag.depth === 1 && tag.kind !== 'close') out.push(tag);
  return out;
}

/** The index of the root's closing tag. */
export function rootCloseIndex(xml: string): number {
  const sc = new Scanner(xml);
  let at = -1;
  for (let kind = sc.next(); kind !== END; kind = sc.next())
    if (kind === CLOSE && sc.depth() === 0 && sc.tagTo > sc.tagFrom) at = sc.tagFrom; // not the end of `<root/>`
  if (at < 0) throw new Error('the root element is not closed');
  return at;
}
