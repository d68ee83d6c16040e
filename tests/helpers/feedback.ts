/**
 * Readers for the feedback files of `--feedback DIR` (tests/feedback/): the rows of « À corriger »,
 * the hyperlinks and sheet protections as written in the package, the notes and fills of the views.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { elements, parseXml, sheetPartPath } from './xml';

export interface ToFixRow {
  n: number;
  label: string;
  sheet: string;
  cell: string;
  message: string;
  todo: string;
}

/** The `feedback` section of `--json`. */
export interface FeedbackJson {
  dir: string;
  index: string;
  files: string[];
  sources: {
    file: string;
    commune: string | null;
    communeName: string | null;
    period: string | null;
    verdict: string;
    errors: number;
    warnings: number;
    noted: number;
    written: string[];
  }[];
  reminders: { commune: string; period: string; written: string[] }[];
  withoutCommune: { file: string; reason: string }[];
}

export async function readBook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** The rows under the header of the first sheet (« N° » or « No. » in column A). */
export function toFixRows(wb: ExcelJS.Workbook): ToFixRow[] {
  const ws = wb.worksheets[0]!;
  let header = 0;
  ws.eachRow((row, n) => {
    if (header === 0 && ['N°', 'No.'].includes(row.getCell(1).text)) header = n;
  });
  if (header === 0) return [];
  const rows: ToFixRow[] = [];
  for (let r = header + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (row.getCell(1).text === '') continue;
    rows.push({
      n: Number(row.getCell(1).text),
      label: row.getCell(2).text,
      sheet: row.getCell(3).text,
      cell: row.getCell(4).text,
      message: row.getCell(5).text,
      todo: row.getCell(6).text,
    });
  }
  return rows;
}

/** The texts of the first sheet, one line per row (a merged cell's text once). */
export function firstSheetTexts(wb: ExcelJS.Workbook): string[] {
  const out: string[] = [];
  wb.worksheets[0]!.eachRow((row) => {
    const texts: string[] = [];
    row.eachCell((cell) => {
      if (cell.text !== '' && !(cell.isMerged && cell.master !== cell)) texts.push(cell.text);
    });
    if (texts.length > 0) out.push(texts.join(' | '));
  });
  return out;
}

export interface PackageFacts {
  sheets: string[];
  /** The first sheet's hyperlinks: cell, location, and whether they go through a relationship. */
  links: { ref: string; location: string | undefined; rid: string | undefined }[];
  /** Per sheet: its <sheetProtection> attributes, or null. */
  protection: Map<string, Record<string, string> | null>;
  creator: string;
  lastModifiedBy: string;
}

export async function packageFacts(file: string): Promise<PackageFacts> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const text = (part: string) => zip.file(part)!.async('string');
  const workbook = await text('xl/workbook.xml');
  const rels = await text('xl/_rels/workbook.xml.rels');
  const sheets = elements(parseXml(workbook), 'sheet').map((e) => e.attributes['name']!);
  const protection = new Map<string, Record<string, string> | null>();
  let links: PackageFacts['links'] = [];
  for (const [i, sheet] of sheets.entries()) {
    const xml = parseXml(await text(sheetPartPath(workbook, rels, sheet)));
    protection.set(sheet, elements(xml, 'sheetProtection')[0]?.attributes ?? null);
    if (i === 0)
      links = elements(xml, 'hyperlink').map((e) => ({
        ref: e.attributes['ref']!,
        location: e.attributes['location'],
        rid: e.attributes['r:id'],
      }));
  }
  const core = parseXml(await text('docProps/core.xml'));
  const field = (name: string) => elements(core, name)[0]?.text ?? '';
  return { sheets, links, protection, creator: field('creator'), lastModifiedBy: field('lastModifiedBy') };
}

/** `'Bénéficiaires'!D2` → { sheet: Bénéficiaires, address: D2 }. */
export function splitLocation(location: string): { sheet: string; address: string } {
  const m = /^'?(.*?)'?!\$?([A-Z]+)\$?(\d+)$/.exec(location);
  if (!m) throw new Error(`not a cell location: ${location}`);
  return { sheet: m[1]!.replace(/''/g, "'"), address: `${m[2]}${m[3]}` };
}

export const feedbackFile = (dir: string, name: string) => path.join(dir, name);
