/**
 * A small strict XML reader for the manifest test (no XML package is installed): it refuses what
 * an XML parser refuses (unclosed or crossed tags, unquoted or repeated attributes, a bare & or <,
 * unknown entities, text outside the root, a DOCTYPE) and returns the element tree.
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, where: number): string {
  if (raw.includes('<')) throw new Error(`raw < at ${where}`);
  return raw.replace(/&([^;\s&]*);?/g, (whole, name: string) => {
    if (!whole.endsWith(';')) throw new Error(`bare & at ${where}`);
    if (name in ENTITIES) return ENTITIES[name]!;
    const num = /^#(\d+)$/.exec(name) ?? /^#x([0-9a-f]+)$/i.exec(name);
    if (num) return String.fromCodePoint(parseInt(num[1]!, name[1] === 'x' || name[1] === 'X' ? 16 : 10));
    throw new Error(`unknown entity &${name}; at ${where}`);
  });
}

export function parseXml(source: string): XmlElement {
  let i = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  const fail = (why: string): never => {
    throw new Error(`${why} at offset ${i}`);
  };
  if (source.startsWith('<?xml', i)) {
    const end = source.indexOf('?>', i);
    if (end < 0) fail('unclosed XML declaration');
    if (!/^<\?xml\s+version="1\.[01]"(\s+encoding="[\w-]+")?(\s+standalone="(yes|no)")?\s*\?>$/.test(source.slice(i, end + 2))) fail('bad XML declaration');
    i = end + 2;
  }
  while (i < source.length) {
    if (source.startsWith('<!--', i)) {
      const end = source.indexOf('-->', i + 4);
      if (end < 0) fail('unclosed comment');
      if (source.slice(i + 4, end).includes('--')) fail('-- inside a comment');
      i = end + 3;
      continue;
    }
    if (source.startsWith('<!', i) || source.startsWith('<?', i)) fail('DOCTYPE, CDATA or processing instruction');
    if (source.startsWith('</', i)) {
      const m = NAME.exec(source.slice(i + 2));
      if (!m) fail('bad end tag');
      const close = source.indexOf('>', i);
      if (source.slice(i + 2 + m![0].length, close).trim() !== '') fail('junk in end tag');
      const open = stack.pop();
      if (!open || open.name !== m![0]) fail(`</${m![0]}> does not close <${open?.name}>`);
      i = close + 1;
      if (stack.length === 0) root = open!;
      continue;
    }
    if (source[i] === '<') {
      if (root) fail('second root element');
      const m = NAME.exec(source.slice(i + 1));
      if (!m) fail('bad start tag');
      const element: XmlElement = { name: m![0], attributes: {}, children: [], text: '' };
      i += 1 + m![0].length;
      for (;;) {
        const ws = /^\s*/.exec(source.slice(i))![0];
        i += ws.length;
        if (source.startsWith('/>', i) || source[i] === '>') break;
        if (ws === '') fail('attributes must be separated by spaces');
        const a = /^([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)\s*=\s*("([^"]*)"|'([^']*)')/.exec(source.slice(i));
        if (!a) fail('bad attribute');
        if (a![1]! in element.attributes) fail(`repeated attribute ${a![1]}`);
        element.attributes[a![1]!] = decode(a![3] ?? a![4] ?? '', i);
        i += a![0].length;
      }
      if (stack.length > 0) stack.at(-1)!.children.push(element);
      if (source.startsWith('/>', i)) {
        i += 2;
        if (stack.length === 0) root = element;
      } else {
        i += 1;
        stack.push(element);
      }
      continue;
    }
    const next = source.indexOf('<', i);
    const raw = source.slice(i, next < 0 ? source.length : next);
    if (stack.length === 0) {
      if (raw.trim() !== '') fail('text outside the root element');
    } else stack.at(-1)!.text += decode(raw, i);
    i += raw.length;
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.at(-1)!.name}>`);
  if (!root) throw new Error('no root element');
  return root;
}

/** Every element of the tree, depth first. */
export function walk(element: XmlElement): XmlElement[] {
  return [element, ...element.children.flatMap(walk)];
}

export function child(element: XmlElement, name: string): XmlElement {
  const found = element.children.find((c) => c.name === name);
  if (!found) throw new Error(`<${element.name}> has no <${name}>`);
  return found;
}
