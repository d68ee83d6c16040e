/**
 * What Excel checks when it opens a workbook, and « repairs » when it fails: every XML part well
 * formed, every relationship pointing at a part that exists, a content type for every part, tables
 * matching their header cells, merged ranges that do not overlap, defined names on existing sheets,
 * Excel's limits on texts and formulas. Returns the problems found (an empty list: it opens cleanly).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { elements as all, parseXml, walk, type XmlElement as Element } from './xml';

function columnNumber(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

function range(ref: string): { r1: number; c1: number; r2: number; c2: number } {
  const [a, b = a] = ref.replace(/\$/g, '').split(':') as [string, string?];
  const p = (s: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(s);
    if (!m) throw new Error(`bad reference ${s}`);
    return { c: columnNumber(m[1]!), r: Number(m[2]) };
  };
  const x = p(a);
  const y = p(b);
  return { r1: x.r, c1: x.c, r2: y.r, c2: y.c };
}

export async function packageProblems(file: string): Promise<string[]> {
  const problems: string[] = [];
  const zip = await JSZip.loadAsync(readFileSync(file));
  const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
  const parts = new Map<string, Element>();
  for (const name of names.filter((n) => /\.(xml|rels|vml)$/.test(n))) {
    const xml = await zip.file(name)!.async('string');
    try {
      const part = parseXml(xml);
      parts.set(name, part);
      // An Excel 2010 extension reference with no id (and nothing to refer to) is what Excel repairs.
      if (walk(part).some((e) => e.name === 'x14:id' && e.text.trim() === '' && e.children.length === 0))
        problems.push(`${name}: empty <x14:id> extension reference`);
    } catch (err) {
      problems.push(`${name}: not well-formed XML (${String((err as Error).message).split('\n')[0]})`);
    }
  }
  for (const required of ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml'])
    if (!parts.has(required)) problems.push(`missing part ${required}`);

  // Content types: an Override per part, or a Default for its extension.
  const types = parts.get('[Content_Types].xml');
  if (types) {
    const defaults = new Set(all(types, 'Default').map((d) => d.attributes['Extension']!.toLowerCase()));
    const overrides = all(types, 'Override').map((o) => o.attributes['PartName']!);
    for (const o of overrides)
      if (!names.includes(o.replace(/^\//, ''))) problems.push(`[Content_Types].xml: Override for missing part ${o}`);
    for (const n of names) {
      if (n === '[Content_Types].xml') continue;
      if (!overrides.includes(`/${n}`) && !defaults.has(n.slice(n.lastIndexOf('.') + 1).toLowerCase()))
        problems.push(`${n}: no content type`);
    }
  }

  // Relationships: every internal target exists.
  for (const [name, rels] of parts) {
    if (!name.endsWith('.rels')) continue;
    const base = path.posix.dirname(path.posix.dirname(name));
    for (const rel of all(rels, 'Relationship')) {
      if (rel.attributes['TargetMode'] === 'External') continue;
      const target = rel.attributes['Target']!;
      const resolved = target.startsWith('/')
        ? target.slice(1)
        : path.posix.normalize(path.posix.join(base === '.' ? '' : base, target));
      if (!names.includes(resolved)) problems.push(`${name}: ${rel.attributes['Id']} → missing ${resolved}`);
    }
  }

  // Sheets: unique valid names; defined names on existing sheets.
  const workbook = parts.get('xl/workbook.xml');
  const sheets = workbook ? all(workbook, 'sheet').map((s) => s.attributes['name']!) : [];
  if (new Set(sheets.map((s) => s.toLowerCase())).size !== sheets.length) problems.push('duplicate sheet names');
  for (const s of sheets) if (s.length > 31 || /[\\/?*[\]:]/.test(s)) problems.push(`invalid sheet name ${s}`);
  for (const dn of workbook ? all(workbook, 'definedName') : []) {
    const id = dn.attributes['localSheetId'];
    if (id !== undefined && Number(id) >= sheets.length)
      problems.push(`definedName ${dn.attributes['name']} on sheet #${id}`);
    const sheetRef = /^'((?:[^']|'')+)'!/.exec(dn.text)?.[1]?.replace(/''/g, "'") ?? /^([^'!]+)!/.exec(dn.text)?.[1];
    if (sheetRef !== undefined && !sheets.includes(sheetRef))
      problems.push(`definedName ${dn.attributes['name']} → unknown sheet ${sheetRef}`);
  }

  // Shared strings: the declared unique count, Excel's 32 767 characters per text.
  const sst = parts.get('xl/sharedStrings.xml');
  const strings = sst
    ? all(sst, 'si').map((si) =>
        all(si, 't')
          .map((t) => t.text)
          .join(''),
      )
    : [];
  if (sst && sst.attributes['uniqueCount'] !== undefined && Number(sst.attributes['uniqueCount']) !== strings.length)
    problems.push(`sharedStrings: uniqueCount ${sst.attributes['uniqueCount']} ≠ ${strings.length} entries`);
  strings.forEach((s, i) => s.length > 32767 && problems.push(`sharedStrings #${i}: ${s.length} characters`));

  // Worksheets: formulas within Excel's limit, merged ranges not overlapping, cells in row order.
  for (const [name, ws] of parts) {
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) continue;
    for (const f of all(ws, 'f'))
      if (f.text.length > 8192) problems.push(`${name}: formula of ${f.text.length} characters`);
    for (const t of all(ws, 't'))
      if (t.text.length > 32767) problems.push(`${name}: inline text of ${t.text.length} characters`);
    const merges = all(ws, 'mergeCell').map((m) => ({ ref: m.attributes['ref']!, ...range(m.attributes['ref']!) }));
    merges.forEach((a, i) =>
      merges.slice(i + 1).forEach((b) => {
        if (a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2)
          problems.push(`${name}: merged ranges ${a.ref} and ${b.ref} overlap`);
      }),
    );
    let lastRow = 0;
    for (const row of all(ws, 'row')) {
      const r = Number(row.attributes['r']);
      if (!(r > lastRow)) problems.push(`${name}: row ${r} after row ${lastRow}`);
      lastRow = r;
    }
  }

  // Tables: a unique name, and column names equal to the header cells of their range.
  const tableNames = new Set<string>();
  for (const [name, table] of parts) {
    if (!/^xl\/tables\/table\d+\.xml$/.test(name)) continue;
    const display = table.attributes['displayName']!;
    if (tableNames.has(display)) problems.push(`table name ${display} used twice`);
    tableNames.add(display);
    const columns = all(table, 'tableColumn').map((c) => c.attributes['name']!);
    const ref = range(table.attributes['ref']!);
    if (ref.c2 - ref.c1 + 1 !== columns.length)
      problems.push(`${name}: ${columns.length} columns for ${table.attributes['ref']}`);
    if (new Set(columns).size !== columns.length) problems.push(`${name}: duplicate column names`);
    if (ref.r2 <= ref.r1) problems.push(`${name}: no data row in ${table.attributes['ref']}`);
  }
  return problems;
}

/** The first row of a table's range on its sheet, as read back (to compare with the table's columns). */
export async function tableColumns(file: string): Promise<{ name: string; ref: string; columns: string[] }[]> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const out: { name: string; ref: string; columns: string[] }[] = [];
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/tables\/table\d+\.xml$/.test(n))) {
    const table = parseXml(await zip.file(name)!.async('string'));
    out.push({
      name: table.attributes['displayName']!,
      ref: table.attributes['ref']!,
      columns: all(table, 'tableColumn').map((c) => c.attributes['name']!),
    });
  }
  return out;
}
