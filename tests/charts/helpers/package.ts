/**
 * Reading an .xlsx package the way a strict consumer would, without the chart module's own code: its
 * parts, content types, relationships, sheets and cells, and the charts' series with their caches.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
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

const decode = (s: string) =>
  s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_w, e: string) =>
    e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e]!,
  );

/** Attributes of every element `<name …>` (prefix ignored), in document order. */
export function elements(xml: string, local: string): Map<string, string>[] {
  const re = new RegExp(`<(?:[\\w.-]+:)?${local}\\b([^>]*?)/?>`, 'g');
  return [...xml.matchAll(re)].map((m) => new Map([...m[1]!.matchAll(/([\w:.-]+)="([^"]*)"/g)].map((a) => [a[1]!, decode(a[2]!)])));
}

/** Text content of every `<prefix:name>…</prefix:name>`. */
export function texts(xml: string, qname: string): string[] {
  return [...xml.matchAll(new RegExp(`<${qname}(?:\\s[^>]*)?>([\\s\\S]*?)</${qname}>`, 'g'))].map((m) => decode(m[1]!));
}

/** Problems of the package: XML parts not well-formed, content types missing, relationship targets missing. */
export async function packageProblems(pkg: Pkg): Promise<string[]> {
  const problems: string[] = [];
  for (const part of pkg.parts.filter((p) => /\.(xml|rels)$/i.test(p))) {
    for (const p of wellFormedProblems(await pkg.text(part))) problems.push(`${part}: ${p}`);
  }
  const types = await pkg.text('[Content_Types].xml');
  const defaults = new Map(elements(types, 'Default').map((a) => [a.get('Extension')!.toLowerCase(), a.get('ContentType')!]));
  const overrides = new Map(elements(types, 'Override').map((a) => [a.get('PartName')!.toLowerCase(), a.get('ContentType')!]));
  for (const part of pkg.parts) {
    if (part === '[Content_Types].xml') continue;
    const base = path.posix.basename(part);
    const ext = base.includes('.') ? base.slice(base.lastIndexOf('.') + 1).toLowerCase() : '';
    if (!overrides.has(`/${part}`.toLowerCase()) && !defaults.has(ext)) problems.push(`${part}: no content type`);
  }
  for (const name of overrides.keys()) if (!pkg.parts.some((p) => `/${p}`.toLowerCase() === name)) problems.push(`[Content_Types].xml: override for a missing part ${name}`);
  for (const rels of pkg.parts.filter((p) => p.endsWith('.rels'))) {
    const source = path.posix.join(path.posix.dirname(path.posix.dirname(rels)), path.posix.basename(rels, '.rels'));
    const seen = new Set<string>();
    for (const rel of elements(await pkg.text(rels), 'Relationship')) {
      const id = rel.get('Id')!;
      if (seen.has(id)) problems.push(`${rels}: duplicate relationship id ${id}`);
      seen.add(id);
      if (rel.get('TargetMode') === 'External') continue;
      const target = rel.get('Target')!;
      const resolved = target.startsWith('/') ? target.slice(1) : path.posix.normalize(path.posix.join(path.posix.dirname(source), target));
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
    return { id: a.get('Id')!, type: a.get('Type')!.split('/').pop()!, target: path.posix.normalize(path.posix.join(path.posix.dirname(part), target)) };
  });
}

/** Sheet name → worksheet part. */
export async function sheetParts(pkg: Pkg): Promise<Map<string, string>> {
  const rels = new Map((await relsOf(pkg, 'xl/workbook.xml')).map((r) => [r.id, r.target]));
  return new Map(elements(await pkg.text('xl/workbook.xml'), 'sheet').map((a) => [a.get('name')!, rels.get(a.get('r:id')!)!]));
}

/** The cached value of every cell of a sheet (shared strings resolved, formulas' stored results). */
export async function sheetCells(pkg: Pkg, part: string): Promise<Map<string, { value: string | number; formula: string | null }>> {
  const shared = pkg.parts.includes('xl/sharedStrings.xml')
    ? [...(await pkg.text('xl/sharedStrings.xml')).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => texts(m[1]!, 't').join(''))
    : [];
  const out = new Map<string, { value: string | number; formula: string | null }>();
  const xml = await pkg.text(part);
  for (const m of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const attrs = new Map([...m[1]!.matchAll(/([\w:]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!]));
    const body = m[2] ?? '';
    const v = texts(body, 'v')[0];
    const f = texts(body, 'f')[0] ?? null;
    const type = attrs.get('t');
    let value: string | number | undefined;
    if (type === 's' && v !== undefined) value = shared[Number(v)]!;
    else if (type === 'inlineStr') value = texts(body, 't').join('');
    else if (type === 'str' || type === 'e') value = v ?? '';
    else if (v !== undefined) value = Number(v);
    if (value !== undefined || f !== null) out.set(attrs.get('r')!, { value: value ?? '', formula: f });
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

function points(xml: string): Map<number, string> {
  return new Map([...xml.matchAll(/<c:pt idx="(\d+)"><c:v>([\s\S]*?)<\/c:v><\/c:pt>/g)].map((m) => [Number(m[1]), decode(m[2]!)]));
}

export function parseChart(part: string, xml: string): ChartData {
  const series: SeriesData[] = [];
  for (const group of xml.matchAll(/<c:(barChart|lineChart)>([\s\S]*?)<\/c:\1>/g)) {
    for (const ser of group[2]!.matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)) {
      const body = ser[1]!;
      const tx = /<c:tx>([\s\S]*?)<\/c:tx>/.exec(body)?.[1] ?? '';
      const cat = /<c:cat>([\s\S]*?)<\/c:cat>/.exec(body)?.[1] ?? '';
      const val = /<c:val>([\s\S]*?)<\/c:val>/.exec(body)?.[1] ?? '';
      const spPr = /^[\s\S]*?<c:spPr>([\s\S]*?)<\/c:spPr>/.exec(body.replace(/<c:tx>[\s\S]*?<\/c:tx>/, ''))?.[1] ?? '';
      series.push({
        kind: group[1] === 'barChart' ? 'bar' : 'line',
        nameRef: texts(tx, 'c:f')[0] ?? null,
        nameCache: [...points(tx).values()],
        catRef: texts(cat, 'c:f')[0] ?? '',
        catCache: points(cat),
        valRef: texts(val, 'c:f')[0] ?? '',
        valCache: new Map([...points(val)].map(([k, v]) => [k, Number(v)])),
        ptCount: Number(/<c:ptCount val="(\d+)"\/>/.exec(val)?.[1] ?? -1),
        colour: /<a:srgbClr val="([0-9A-F]{6})"/.exec(spPr)?.[1] ?? null,
      });
    }
  }
  const titles = [...xml.matchAll(/<c:title>([\s\S]*?)<\/c:title>/g)].map((m) => texts(m[1]!, 'a:t').join(''));
  const chartTitle = /<c:chart><c:title>([\s\S]*?)<\/c:title>/.exec(xml);
  return { part, xml, title: chartTitle ? texts(chartTitle[1]!, 'a:t').join('') : '', axisTitles: chartTitle ? titles.slice(1) : titles, series };
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
  const letter = (n: number): string => (n > 26 ? letter(Math.floor((n - 1) / 26)) : '') + String.fromCharCode(65 + ((n - 1) % 26));
  const [c1, r1] = [col(m[2]!), Number(m[3])];
  const [c2, r2] = m[4] ? [col(m[4]), Number(m[5])] : [c1, r1];
  const cells: string[] = [];
  for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) cells.push(`${letter(c)}${r}`);
  return { sheet: m[1]!.replace(/''/g, "'"), cells };
}
