import { escapeAttr, escapeText } from '../../xml/escape';

/** An XML element as plain data: built by the IATI writer, serialised once. */
export interface XmlElement {
  name: string;
  attrs: [string, string][];
  children: XmlElement[];
  text?: string;
}

/** `el('period-start', { 'iso-date': '2023-01-01' })`; attributes left undefined are not written. */
export function el(
  name: string,
  attrs: Record<string, string | number | undefined> = {},
  children: (XmlElement | null | undefined)[] = [],
  text?: string,
): XmlElement {
  return {
    name,
    attrs: Object.entries(attrs).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)] as [string, string]])),
    children: children.filter((c): c is XmlElement => Boolean(c)),
    ...(text === undefined ? {} : { text }),
  };
}

/** Characters XML 1.0 cannot carry (controls other than tab, line feed, carriage return): a typed cell may hold them. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
export const xmlSafe = (text: string): string => text.replace(NOT_XML, '');

function write(node: XmlElement, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  const attrs = node.attrs.map(([k, v]) => ` ${k}="${escapeAttr(xmlSafe(v))}"`).join('');
  if (node.text !== undefined) out.push(`${pad}<${node.name}${attrs}>${escapeText(xmlSafe(node.text))}</${node.name}>`);
  else if (node.children.length === 0) out.push(`${pad}<${node.name}${attrs}/>`);
  else {
    out.push(`${pad}<${node.name}${attrs}>`);
    for (const child of node.children) write(child, depth + 1, out);
    out.push(`${pad}</${node.name}>`);
  }
}

/** The document, UTF-8, indented two spaces. */
export function serialise(root: XmlElement): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  write(root, 0, out);
  return `${out.join('\n')}\n`;
}
