/**
 * Reading an .xlsx package the way a strict consumer would, without the chart module's own code: its
 * parts, content types, relationships, sheets and cells, and the charts' series with their caches.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { elements as xmlElements, parseXml, walk, type XmlElement } from '../../helpers/xml';
import { wellFormedProblems } from './well-formed';

export interface Pkg {
  zip: JSZip;
  parts: string[];
  text(part: string): Promise<string>;
}

export async function openPackage(file: string | Buffer): Promise<Pkg> {
  const zip = await JSZip.loadAsync(typeof file === 'string' ? readFileSync(file) : file);
  const parts = Object.values(zip.files)
    .filter((f) => !f.dir)
    .map((f) => f.name);
  return {
    zip,
    parts,
    text: async (part) => {
      const f = zip.file(part);
      if (!f) throw new Error(`no part ${part}`);
      return f.async('string');
    },
  };
}

/** Attributes of every element `<name …>` (prefix ignored), in document order. */
export function elements(xml: string, local: string): Map<string, string>[] {
  return xmlElements(parseXml(xml), local).map((e) => new Map(Object.entries(e.attributes)));
}

/** Texts of the elements below `element` named exactly `qname`, joined, in document order. */
const joinedText = (element: XmlElement, qname: string): string =>
  walk(element)
    .filter((e) => e.name === qname)
    .map((e) => e.text)
    .join('');

/** The first element at or below `element` named exactly `qname`. */
const first = (element: XmlElement | undefined, qname: string): XmlElement | undefined =>
  element ? walk(element).find((e) => e.name === qname) : undefined;

/** Problems of the package: XML parts not well-formed, content types missing, relationship targets missing. */
export async function packageProblems(pkg: Pkg): Promise<string[]> {
  const problems: string[] = [];
  for (const part of pkg.parts.filter((p) => /\.(xml|rels)$/i.test(p))) {
    for (const p of wellFormedProblems(await pkg.text(part))) problems.push(`${part}: ${p}`);
  }
  const types = await pkg.text('[Content_Types].xml');
  const defaults = new Map(
    elements(types, 'Default').map((a) => [a.get('Extension')!.toLowerCase(), a.get('ContentType')!]),
  );
  const overrides = new Map(
    elements(types, 'Override').map((a) => [a.get('PartName')!.toLowerCase(), a.get('ContentType')!]),
  );
  for (const part of pkg.parts) {
    if (part === '[Content_Types].xml') continue;
    const base = path.posix.basename(part);
    const ext = base.includes('.') ? base.slice(base.lastIndexOf('.') + 1).toLowerCase() : '';
    if (!overrides.has(`/${part}`.toLowerCase()) && !defaults.has(ext)) problems.push(`${part}: no content type`);
  }
  for (const name of overrides.keys())
    if (!pkg.parts.some((p) => `/${p}`.toLowerCase() === name))
      problems.push(`[Content_Types].xml: override for a missing part ${name}`);
  for (const rels of pkg.parts.filter((p) => p.endsWith('.rels'))) {
    const source = path.posix.join(path.posix.dirname(path.posix.dirname(rels)), path.posix.basename(rels, '.rels'));
    const seen = new Set<string>();
    for (const rel of elements(await pkg.text(rels), 'Relationship')) {
      const id = rel.get('Id')!;
      if (seen.has(id)) problems.push(`${rels}: duplicate relationship id ${id}`);
      seen.add(id);
      if (rel.get('TargetMode') === 'External') continue;
      const target = rel.get('Target')!;
      const resolved = target.startsWith('/')
        ? target.slice(1)
        : path.posix.normalize(path.posix.join(path.posix.dirname(source), target));
      if (!pkg.parts.includes(resolved)) problems.push(`${rels}: ${id} → ${target} (${resolved}) is missing`);
    }
  }
  return problems;
}

export interface Rel {
  id: string;
  type: string;
  target: string;
}

export async function relsOf(pkg: Pkg, part: string): Promise<Rel[]> {
  const rels = path.posix.join(path.posix.dirname(part), '_rels', `${path.posix.basename(part)}.rels`);
  if (!pkg.parts.includes(rels)) return [];
  return elements(await pkg.text(rels), 'Relationship').map((a) => {
    const target = a.get('Target')!;
    return {
      id: a.get('Id')!,
      type: a.get('Type')!.split('/').pop()!,
      target: path.posix.normalize(path.posix.join(path.posix.dirname(part), target)),
    };
  });
}

/** Sheet name → worksheet part. */
export async function sheetParts(pkg: Pkg): Promise<Map<string, string>> {
  const rels = new Map((await relsOf(pkg, 'xl/workbook.xml')).map((r) => [r.id, r.target]));
  return new Map(
    elements(await pkg.text('xl/workbook.xml'), 'sheet').map((a) => [a.get('name')!, rels.get(a.get('r:id')!)!]),
  );
}

/** The cached value of every cell of a sheet (shared strings resolved, formulas' stored results). */
export async function sheetCells(
  pkg: Pkg,
  part: string,
): Promise<Map<string, { value: string | number; formula: string | null }>> {
  const shared = pkg.parts.includes('xl/sharedStrings.xml')
    ? parseXml(await pkg.text('xl/sharedStrings.xml'))
        .children.filter((e) => e.name === 'si')
        .map((si) => joinedText(si, 't'))
    : [];
  const out = new Map<string, { value: string | number; formula: string | null }>();
  for (const c of walk(parseXml(await pkg.text(part))).filter((e) => e.name === 'c')) {
    const v = first(c, 'v')?.text;
    // A shared formula's followers (`<f t="shared" si="0"/>`) carry no text: no formula of their own.
    const f = first(c, 'f')?.text || null;
    const type = c.attributes['t'];
    let value: string | number | undefined;
    if (type === 's' && v !== undefined) value = shared[Number(v)]!;
    else if (type === 'inlineStr') value = joinedText(c, 't');
    else if (type === 'str' || type === 'e') value = v ?? '';
    else if (v !== undefined) value = Number(v);
    if (value !== undefined || f !== null) out.set(c.attributes['r']!, { value: value ?? '', formula: f });
  }
  return out;
}

export interface SeriesData {
  kind: 'bar' | 'line';
  nameRef: string | null;
  nameCache: string[];
  catRef: string;
  catCache: Map<number, string>;
  valRef: string;
  valCache: Map<number, number>;
  ptCount: number;
  colour: string | null;
}

export interface ChartData {
  part: string;
  xml: string;
  title: string;
  axisTitles: string[];
  series: SeriesData[];
}

/** A cache's points, `<c:pt idx="n"><c:v>…</c:v></c:pt>`, by index. */
function points(cache: XmlElement | undefined): Map<number, string> {
  if (!cache) return new Map();
  return new Map(
    walk(cache)
      .filter((e) => e.name === 'c:pt')
      .map((pt) => [Number(pt.attributes['idx']), first(pt, 'c:v')?.text ?? ''] as const),
  );
}

export function parseChart(part: string, xml: string): ChartData {
  const root = parseXml(xml);
  const series: SeriesData[] = [];
  for (const group of walk(root).filter((e) => e.name === 'c:barChart' || e.name === 'c:lineChart')) {
    for (const ser of group.children.filter((e) => e.name === 'c:ser')) {
      const tx = first(ser, 'c:tx');
      const cat = first(ser, 'c:cat');
      const val = first(ser, 'c:val');
      // The series' own fill: the first shape properties outside its name.
      const spPr = ser.children
        .filter((e) => e !== tx)
        .flatMap(walk)
        .find((e) => e.name === 'c:spPr');
      const colour = spPr
        ? walk(spPr).find((e) => e.name === 'a:srgbClr' && /^[0-9A-F]{6}$/.test(e.attributes['val'] ?? ''))
        : undefined;
      series.push({
        kind: group.name === 'c:barChart' ? 'bar' : 'line',
        nameRef: first(tx, 'c:f')?.text ?? null,
        nameCache: [...points(tx).values()],
        catRef: first(cat, 'c:f')?.text ?? '',
        catCache: points(cat),
        valRef: first(val, 'c:f')?.text ?? '',
        valCache: new Map([...points(val)].map(([k, v]) => [k, Number(v)])),
        ptCount: Number(first(val, 'c:ptCount')?.attributes['val'] ?? -1),
        colour: colour?.attributes['val'] ?? null,
      });
    }
  }
  const titles = walk(root)
    .filter((e) => e.name === 'c:title')
    .map((t) => joinedText(t, 'a:t'));
  // The chart's own title is the first child of <c:chart>; the other titles are the axes'.
  const chartTitle = root.children.find((e) => e.name === 'c:chart')?.children[0];
  const hasTitle = chartTitle?.name === 'c:title';
  return {
    part,
    xml,
    title: hasTitle ? joinedText(chartTitle, 'a:t') : '',
    axisTitles: hasTitle ? titles.slice(1) : titles,
    series,
  };
}

/** The charts drawn on a sheet, in drawing order. */
export async function chartsOfSheet(pkg: Pkg, sheet: string): Promise<ChartData[]> {
  const part = (await sheetParts(pkg)).get(sheet)!;
  const drawing = (await relsOf(pkg, part)).find((r) => r.type === 'drawing');
  if (!drawing) return [];
  const rels = new Map((await relsOf(pkg, drawing.target)).map((r) => [r.id, r]));
  const xml = await pkg.text(drawing.target);
  const out: ChartData[] = [];
  for (const a of elements(xml, 'chart')) {
    const rel = rels.get(a.get('r:id')!)!;
    out.push(parseChart(rel.target, await pkg.text(rel.target)));
  }
  return out;
}

/** `'Synthèse'!$A$5:$A$13` → sheet and the cells, in order. */
export function refCells(ref: string): { sheet: string; cells: string[] } {
  const m = /^'((?:[^']|'')+)'!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(ref);
  if (!m) throw new Error(`not a range reference: ${ref}`);
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const letter = (n: number): string =>
    (n > 26 ? letter(Math.floor((n - 1) / 26)) : '') + String.fromCharCode(65 + ((n - 1) % 26));
  const [c1, r1] = [col(m[2]!), Number(m[3])];
  const [c2, r2] = m[4] ? [col(m[4]), Number(m[5])] : [c1, r1];
  const cells: string[] = [];
  for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) cells.push(`${letter(c)}${r}`);
  return { sheet: m[1]!.replace(/''/g, "'"), cells };
}
