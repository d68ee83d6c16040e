import { parseAddress } from './cells';
import type { CellPoint, ChartAnchor } from './types';
import { escapeAttr } from '../../xml/escape';

/** The pieces of a drawing part (`xl/drawings/drawingN.xml`) that hold charts. */

export const NS_XDR = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
export const NS_A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const NS_C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** English Metric Units per pixel at 96 dpi. */
const EMU_PER_PIXEL = 9525;
const emu = (px: number | undefined) => Math.round((px ?? 0) * EMU_PER_PIXEL);

export function emptyDrawing(): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}"></xdr:wsDr>`;
}

function marker(tag: 'from' | 'to', point: CellPoint, x: string): string {
  const { col, row } = parseAddress(point.cell);
  return `<${x}:${tag}><${x}:col>${col - 1}</${x}:col><${x}:colOff>${emu(point.dx)}</${x}:colOff><${x}:row>${row - 1}</${x}:row><${x}:rowOff>${emu(point.dy)}</${x}:rowOff></${x}:${tag}>`;
}

export interface AnchorOptions {
  anchor: ChartAnchor;
  /** Shape id, unique in the drawing. */
  id: number;
  name: string;
  description?: string;
  /** Relationship id of the chart part, in the drawing's rels. */
  rId: string;
  /** Prefixes the drawing's root binds to the spreadsheet-drawing and DrawingML namespaces (null: not bound). */
  prefixes: { xdr: string | null; a: string | null };
}

/** One anchored chart frame. Namespaces the drawing's root does not bind are declared on the anchor itself. */
export function chartAnchor(o: AnchorOptions): string {
  const x = o.prefixes.xdr || 'xdr';
  const a = o.prefixes.a || 'a';
  const declare = [o.prefixes.xdr ? '' : ` xmlns:${x}="${NS_XDR}"`, o.prefixes.a ? '' : ` xmlns:${a}="${NS_A}"`].join(
    '',
  );
  const position =
    'to' in o.anchor
      ? `${marker('from', o.anchor.from, x)}${marker('to', o.anchor.to, x)}`
      : `${marker('from', o.anchor.from, x)}<${x}:ext cx="${emu(o.anchor.size.width)}" cy="${emu(o.anchor.size.height)}"/>`;
  const tag = 'to' in o.anchor ? 'twoCellAnchor' : 'oneCellAnchor';
  const descr = o.description ? ` descr="${escapeAttr(o.description)}"` : '';
  return (
    `<${x}:${tag}${declare}>${position}` +
    `<${x}:graphicFrame macro=""><${x}:nvGraphicFramePr><${x}:cNvPr id="${o.id}" name="${escapeAttr(o.name)}"${descr}/><${x}:cNvGraphicFramePr/></${x}:nvGraphicFramePr>` +
    `<${x}:xfrm><${a}:off x="0" y="0"/><${a}:ext cx="0" cy="0"/></${x}:xfrm>` +
    `<${a}:graphic><${a}:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" xmlns:r="${NS_R}" r:id="${escapeAttr(o.rId)}"/></${a}:graphicData></${a}:graphic>` +
    `</${x}:graphicFrame><${x}:clientData/></${x}:${tag}>`
  );
}
