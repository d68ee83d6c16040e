/**
 * The tests' one XML reader: saxes (a strict, conforming parser) builds a small element tree, so no
 * test reads an .xlsx part, a chart or a manifest with regexes or a hand-written parser.
 */
import { SaxesParser } from 'saxes';

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (entities decoded, CDATA included), not its descendants'. */
  text: string;
}

/** Parses XML into a tree and returns the root element; throws on any well-formedness error. */
export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: false });
  const document: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [document];
  parser.on('opentag', (tag) => {
    const element: XmlElement = {
      name: tag.name,
      attributes: { ...(tag.attributes as Record<string, string>) },
      children: [],
      text: '',
    };
    stack.at(-1)!.children.push(element);
    stack.push(element);
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('text', (text) => (stack.at(-1)!.text += text));
  parser.on('cdata', (text) => (stack.at(-1)!.text += text));
  parser.on('error', (error) => {
    throw error;
  });
  parser.write(xml).close();
  if (document.children.length !== 1) throw new Error(`${document.children.length} root elements`);
  return document.children[0]!;
}

/** Every element of the tree, depth first, the element itself first. */
export function walk(element: XmlElement): XmlElement[] {
  return [element, ...element.children.flatMap(walk)];
}

/** The name without its namespace prefix: `c:ser` → `ser`. */
export const localName = (name: string): string => name.replace(/^.*:/, '');

/** Every element below (or at) `element` whose local name is `name`, depth first. */
export function elements(element: XmlElement, name: string): XmlElement[] {
  return walk(element).filter((e) => localName(e.name) === name);
}

/** The direct child named `name` (qualified name, as written); throws when there is none. */
export function child(element: XmlElement, name: string): XmlElement {
  const found = element.children.find((c) => c.name === name);
  if (!found) throw new Error(`<${element.name}> has no <${name}>`);
  return found;
}

/** The element's own text followed by its descendants' (in document order when text and children do not interleave). */
export function textContent(element: XmlElement): string {
  return element.text + element.children.map(textContent).join('');
}

/** The worksheet part of the sheet called `sheet` (`xl/worksheets/sheet3.xml`), from workbook.xml and its relationships. */
export function sheetPartPath(workbookXml: string, workbookRelsXml: string, sheet: string): string {
  const entry = elements(parseXml(workbookXml), 'sheet').find((e) => e.attributes['name'] === sheet);
  if (!entry) throw new Error(`no sheet « ${sheet} » in workbook.xml`);
  const id = entry.attributes['r:id'];
  const rel = elements(parseXml(workbookRelsXml), 'Relationship').find((e) => e.attributes['Id'] === id);
  if (!rel) throw new Error(`no relationship ${id} for sheet « ${sheet} »`);
  return `xl/${rel.attributes['Target']!.replace(/^\/?xl\//, '')}`;
}
