import { promises as fs } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { chartXml, checkSpec } from './chart-xml';
import { chartAnchor, emptyDrawing, NS_A, NS_XDR } from './drawing-xml';
import type { CellSource, ChartSpec } from './types';
import { escapeAttr } from '../../xml/escape';
import { prefixFor, rootCloseIndex, rootTag, scanTags, topLevel } from './xml';

/**
 * Adds native charts to an .xlsx package written by another tool (exceljs writes none): a chart part per
 * chart, the sheet's drawing part (reused when the sheet already has one, for its images), the
 * relationships and the content types. Everything else in the package is left byte for byte.
 */

const REL = {
  drawing: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing',
  chart: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart',
  worksheet: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet',
  officeDocument: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument',
};
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const TYPE = {
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
};
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Worksheet children that must come after `<drawing>` (ECMA-376 CT_Worksheet order). */
const AFTER_DRAWING = new Set([
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
]);

interface Relationship {
  id: string;
  type: string;
  target: string;
}

/** `xl/worksheets/sheet1.xml` → `xl/worksheets/_rels/sheet1.xml.rels`. */
export const relsPathOf = (part: string) =>
  path.posix.join(path.posix.dirname(part), '_rels', `${path.posix.basename(part)}.rels`);

/** A relationship target, resolved against the part that holds it. */
export function resolveTarget(part: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  return path.posix.normalize(path.posix.join(path.posix.dirname(part), target));
}

const relativeTarget = (from: string, to: string) => path.posix.relative(path.posix.dirname(from), to);

/** A package open for editing: parts read lazily, written parts kept until flush. */
export class Package {
  private readonly written = new Map<string, string>();
  constructor(private readonly zip: JSZip) {}

  has(part: string): boolean {
    return this.written.has(part) || this.zip.file(part) !== null;
  }

  async read(part: string): Promise<string> {
    const cached = this.written.get(part);
    if (cached !== undefined) return cached;
    const file = this.zip.file(part);
    if (!file) throw new Error(`the package has no part « ${part} »`);
    return file.async('string');
  }

  /** Every part's name, as stored in the zip. */
  parts(): string[] {
    return Object.keys(this.zip.files).filter((name) => !this.zip.files[name]!.dir);
  }

  write(part: string, text: string): void {
    this.written.set(part, text);
  }

  flush(): void {
    for (const [part, text] of this.written) this.zip.file(part, text);
  }

  /** The next free `prefixN.ext` in a folder: `xl/charts/chart3.xml`. */
  freeName(folder: string, prefix: string, ext: string): string {
    for (let n = 1; ; n++) {
      const candidate = `${folder}/${prefix}${n}.${ext}`;
      if (!this.has(candidate)) return candidate;
    }
  }

  async relationships(part: string): Promise<Relationship[]> {
    const relsPath = relsPathOf(part);
    if (!this.has(relsPath)) return [];
    return scanTags(await this.read(relsPath))
      .filter((t) => t.local === 'Relationship' && t.kind !== 'close')
      .map((t) => ({
        id: t.attributes.get('Id') ?? '',
        type: t.attributes.get('Type') ?? '',
        target: t.attributes.get('Target') ?? '',
      }));
  }

  /** Adds a relationship with an id unused in that rels part; returns the id. */
  async addRelationship(part: string, type: string, target: string): Promise<string> {
    const relsPath = relsPathOf(part);
    const existing = await this.relationships(part);
    const used = new Set(existing.map((r) => r.id));
    let n = existing.length + 1;
    while (used.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const element = `<Relationship Id="${id}" Type="${escapeAttr(type)}" Target="${escapeAttr(target)}"/>`;
    const xml = this.has(relsPath)
      ? await this.read(relsPath)
      : `${XML_DECLARATION}<Relationships xmlns="${NS_RELS}"></Relationships>`;
    this.write(relsPath, appendToRoot(xml, element));
    return id;
  }

  async declareOverride(part: string, contentType: string): Promise<void> {
    const xml = await this.read('[Content_Types].xml');
    const already = scanTags(xml).some((t) => t.local === 'Override' && t.attributes.get('PartName') === `/${part}`);
    if (!already)
      this.write(
        '[Content_Types].xml',
        appendToRoot(xml, `<Override PartName="/${escapeAttr(part)}" ContentType="${contentType}"/>`),
      );
  }
}

/** Inserts a fragment as the last child of the root element (an empty `<root/>` is opened first). */
export function appendToRoot(xml: string, fragment: string): string {
  const root = rootTag(xml);
  if (root.kind === 'empty') {
    const open = xml.slice(root.start, root.end).replace(/\s*\/>$/, '>');
    return `${xml.slice(0, root.start)}${open}${fragment}</${root.name}>${xml.slice(root.end)}`;
  }
  const at = rootCloseIndex(xml);
  return `${xml.slice(0, at)}${fragment}${xml.slice(at)}`;
}

/** Sheet name → its part, from the workbook and its relationships. */
export async function sheetParts(pkg: Package): Promise<Map<string, string>> {
  const rootRels = await pkg.relationships('');
  const workbookTarget = rootRels.find((r) => r.type === REL.officeDocument)?.target ?? 'xl/workbook.xml';
  const workbook = resolveTarget('', workbookTarget);
  const xml = await pkg.read(workbook);
  const rels = new Map((await pkg.relationships(workbook)).map((r) => [r.id, r]));
  const rPrefix = prefixFor(rootTag(xml), NS_R);
  const out = new Map<string, string>();
  for (const tag of scanTags(xml)) {
    if (tag.local !== 'sheet' || tag.kind === 'close') continue;
    const rel = rels.get(tag.attributes.get(rPrefix ? `${rPrefix}:id` : 'r:id') ?? '');
    if (rel && rel.type === REL.worksheet)
      out.set(tag.attributes.get('name') ?? '', resolveTarget(workbook, rel.target));
  }
  return out;
}

/** The sheet's drawing part, created and linked (`<drawing r:id>` in its place) when the sheet has none. */
async function drawingOf(pkg: Package, sheetPart: string): Promise<string> {
  const sheetXml = await pkg.read(sheetPart);
  const linked = topLevel(sheetXml).find((t) => t.local === 'drawing');
  if (linked) {
    // The sheet has a drawing already (its images): the charts go into it.
    const rPrefix = prefixFor(rootTag(sheetXml), NS_R);
    const id = linked.attributes.get(`${rPrefix ?? 'r'}:id`);
    const rel = (await pkg.relationships(sheetPart)).find((r) => r.id === id && r.type === REL.drawing);
    if (!rel) throw new Error(`${sheetPart}: its <drawing> has no relationship « ${id} »`);
    return resolveTarget(sheetPart, rel.target);
  }

  const drawing = pkg.freeName('xl/drawings', 'drawing', 'xml');
  pkg.write(drawing, emptyDrawing());
  await pkg.declareOverride(drawing, TYPE.drawing);
  const rId = await pkg.addRelationship(sheetPart, REL.drawing, relativeTarget(sheetPart, drawing));

  const root = rootTag(sheetXml);
  const mainPrefix = root.name.includes(':') ? root.name.slice(0, root.name.indexOf(':') + 1) : '';
  let rPrefix = prefixFor(root, NS_R);
  let xml = sheetXml;
  if (!rPrefix) {
    // Bind the relationships namespace on the root, under a prefix nothing else uses.
    rPrefix = root.attributes.has('xmlns:r') ? 'rel' : 'r';
    const insertAt = root.end - (root.kind === 'empty' ? 2 : 1);
    xml = `${xml.slice(0, insertAt)} xmlns:${rPrefix}="${NS_R}"${xml.slice(insertAt)}`;
  }
  const element = `<${mainPrefix}drawing ${rPrefix}:id="${rId}"/>`;
  const before = topLevel(xml).find((t) => AFTER_DRAWING.has(t.local));
  xml = before ? `${xml.slice(0, before.start)}${element}${xml.slice(before.start)}` : appendToRoot(xml, element);
  pkg.write(sheetPart, xml);
  return drawing;
}

/** Adds the charts to an open package. */
export async function addChartsTo(pkg: Package, charts: readonly ChartSpec[], cells: CellSource): Promise<void> {
  charts.forEach(checkSpec);
  const sheets = await sheetParts(pkg);
  const drawings = new Map<string, string>();
  let count = 0;
  for (const spec of charts) {
    const sheetPart = sheets.get(spec.sheet);
    if (!sheetPart)
      throw new Error(`no sheet « ${spec.sheet} » in the package (have ${[...sheets.keys()].join(', ')})`);
    for (const s of spec.series)
      for (const range of [s.categories, s.values, ...('text' in s.name ? [] : [s.name])])
        if (!sheets.has(range.sheet))
          throw new Error(`${spec.title ?? 'chart'}: no sheet « ${range.sheet} » for ${range.range}`);
    let drawing = drawings.get(sheetPart);
    if (!drawing) drawings.set(sheetPart, (drawing = await drawingOf(pkg, sheetPart)));

    const chart = pkg.freeName('xl/charts', 'chart', 'xml');
    pkg.write(chart, chartXml(spec, cells));
    await pkg.declareOverride(chart, TYPE.chart);
    const rId = await pkg.addRelationship(drawing, REL.chart, relativeTarget(drawing, chart));

    const drawingXml = await pkg.read(drawing);
    const ids = scanTags(drawingXml)
      .filter((t) => t.local === 'cNvPr')
      .map((t) => Number(t.attributes.get('id')))
      .filter(Number.isFinite);
    const id = Math.max(1, ...ids) + 1;
    const root = rootTag(drawingXml);
    count++;
    const anchor = chartAnchor({
      anchor: spec.anchor,
      id,
      name: spec.name ?? `Chart ${count}`,
      description: spec.description ?? spec.title,
      rId,
      prefixes: { xdr: prefixFor(root, NS_XDR), a: prefixFor(root, NS_A) },
    });
    pkg.write(drawing, appendToRoot(drawingXml, anchor));
  }
}

/**
 * Opens a package, lets `edit` change it, and returns the new package. Parts left alone keep their
 * compressed bytes (JSZip reuses them), so editing a large workbook costs only what changed.
 */
export async function editPackage(data: Buffer | Uint8Array, edit: (pkg: Package) => Promise<void>): Promise<Buffer> {
  const zip = await JSZip.loadAsync(data);
  const pkg = new Package(zip);
  await edit(pkg);
  pkg.flush();
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

/** Adds the charts to a package in memory; returns the new package. */
export async function addChartsToPackage(
  data: Buffer | Uint8Array,
  charts: readonly ChartSpec[],
  cells: CellSource,
): Promise<Buffer> {
  return editPackage(data, (pkg) => addChartsTo(pkg, charts, cells));
}

/** Adds the charts to an .xlsx file in place (meant for a temporary file, before its atomic rename). */
export async function addChartsToFile(file: string, charts: readonly ChartSpec[], cells: CellSource): Promise<void> {
  if (charts.length === 0) return;
  const out = await addChartsToPackage(await fs.readFile(file), charts, cells);
  await fs.writeFile(file, out);
}
