/**
 * The workbooks the add-in tests read: a correctly filled commune report (the pipeline's example) and
 * the same report with seeded mistakes. Written with the pipeline (tests may use it; the add-in never).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Framework } from '../../../core/framework/schema';
import { inputCells, planTemplate } from '../../../core/layout/plan';
import { BUILTIN_NUMBER_FORMATS, formatKind } from '../../../core/number-formats';
import { a1 } from '../../../core/tables';
import { exampleFill } from '../../../pipeline/examples';
import { loadFrameworkFile } from '../../../pipeline/framework-file';
import { writeTemplateFile, type Fill } from '../../../pipeline/templates';
import { elements, localName, parseXml } from '../../helpers/xml';

export const COMMUNE = 'GNZ';
/** The seed's period: its targets are the framework's (2024 has none yet: « cible non définie »). */
export const PERIOD = '2023';
export const XSS = '<img src=x onerror=alert(1)>';

let cached: Framework | undefined;
export function framework(): Framework {
  cached ??= loadFrameworkFile();
  return cached;
}

export function tempDir(prefix = 'addin-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Where each input key of the commune's template sits: sheet name and A1 address. */
export function inputAddress(key: string): { sheet: string; address: string } {
  const target = inputCells(planTemplate(framework(), COMMUNE)).get(key);
  if (!target) throw new Error(`no input ${key}`);
  return { sheet: target.sheet.name, address: a1(target.cell.row, target.cell.column) };
}

export async function writeExample(dir: string, period = PERIOD): Promise<string> {
  const fw = framework();
  const file = path.join(dir, period === PERIOD ? 'example.xlsx' : `example-${period}.xlsx`);
  await writeTemplateFile(fw, planTemplate(fw, COMMUNE), file, exampleFill(fw, COMMUNE, period));
  return file;
}

/**
 * The 2023 example, entered five days after its deadline (29/04/2024), with an overspend justified in
 * « Commentaire »: a late entry and an acknowledged warning, both information the pane must word right.
 */
export async function writeLateJustified(dir: string): Promise<string> {
  const fw = framework();
  const line = fw.budgetLines[2]!;
  // 2023: the period has a planned budget to overspend (2024 has none yet, « cible non définie »).
  const fill: Fill = {
    ...exampleFill(fw, COMMUNE, '2023'),
    'identification:entryDate': new Date(Date.UTC(2024, 4, 4)),
    [`budget:${line.code}:spent`]: (line.planned[COMMUNE] ?? 0) + 100000,
    [`budget:${line.code}:comment`]: 'Hausse du prix du carburant',
  };
  const file = path.join(dir, 'late-justified.xlsx');
  await writeTemplateFile(fw, planTemplate(fw, COMMUNE), file, fill);
  return file;
}

/** The people-count and the plain-count indicators used to seed mistakes. */
export function seededIndicators(): { people: string[]; plain: string[] } {
  const fw = framework();
  return {
    people: fw.indicators.filter((i) => i.unit === 'personnes').map((i) => i.code),
    plain: fw.indicators.filter((i) => i.unit !== 'personnes').map((i) => i.code),
  };
}

/**
 * The example with mistakes a coordinator makes: blank required cells, numbers typed as text
 * (« 1 250 »), markup typed in a number cell, a #REF! error, a formula in Réalisé, a date in Réalisé,
 * a formula whose cached result is an error, plus a hidden « Notes » sheet whose data starts at C3
 * (rich text, a boolean, a date-formatted number, a merged cell).
 */
export async function writeSeeded(dir: string): Promise<string> {
  const fw = framework();
  const { people, plain } = seededIndicators();
  const fill: Fill = { ...exampleFill(fw, COMMUNE, PERIOD) };
  fill['identification:filledBy'] = null;
  fill[`indicators:${plain[0]}:achieved`] = null;
  fill[`indicators:${plain[1]}:achieved`] = '1 250';
  fill[`indicators:${people[0]}:achieved`] = XSS;
  fill[`budget:${fw.budgetLines[0]!.code}:spent`] = '1 250 000';
  // A Total formula whose cached result is 0 (exceljs drops it when loading; Excel shows 0).
  const category = fw.beneficiaries.find((b) => b.unit === 'personnes')!.code;
  fill[`beneficiaries:${category}:women`] = 0;
  fill[`beneficiaries:${category}:men`] = 0;
  const file = path.join(dir, 'seeded.xlsx');
  await writeTemplateFile(fw, planTemplate(fw, COMMUNE), file, fill);

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const at = (key: string) => {
    const { sheet, address } = inputAddress(key);
    return workbook.getWorksheet(sheet)!.getCell(address);
  };
  at(`indicators:${people[1]}:women`).value = { error: '#REF!' };
  const planned = inputAddress(`indicators:${plain[2]}:achieved`).address.replace(/^[A-Z]+/, 'E');
  at(`indicators:${plain[2]}:achieved`).value = { formula: `${planned}*2`, result: 4 };
  const dated = at(`indicators:${plain[3]}:achieved`);
  dated.value = new Date(Date.UTC(2024, 5, 30));
  // A new style object: exceljs shares one style between the cells of a loaded file.
  dated.style = { ...dated.style, numFmt: 'dd/mm/yyyy' };
  at(`budget:${fw.budgetLines[1]!.code}:spent`).value = {
    formula: '1/0',
    result: { error: '#DIV/0!' },
  };
  at(`indicators:${plain[4]}:comment`).value = true;

  const notes = workbook.addWorksheet('Notes', { state: 'hidden' });
  notes.getCell('C3').value = { richText: [{ text: 'Visite ' }, { font: { bold: true }, text: 'terrain' }] };
  notes.getCell('D4').value = 45306.75;
  notes.getCell('D4').numFmt = 'd mmm yyyy';
  notes.getCell('E5').value = false;
  notes.getCell('F6').value = 'fusion';
  notes.mergeCells('F6:G7');
  notes.getCell('H8').value = {
    formula: 'D4+1',
    result: new Date(Date.UTC(2024, 0, 16, 18)),
  };
  notes.getCell('H8').style = { numFmt: 'dd/mm/yyyy' };
  notes.getCell('H9').value = { formula: 'E5', result: false };
  await workbook.xlsx.writeFile(file);
  return file;
}

/**
 * The same workbook as Excel for Mac saves it in the 1904 date system: `<workbookPr date1904="1"/>`,
 * and every date serial (a number, or a formula's cached number, in a cell whose format shows a date)
 * 1462 days smaller. Times of day and plain numbers stay as they are. Edited in the XML with JSZip,
 * so that no reader under test writes the file.
 */
export async function writeDate1904(file: string, out: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const workbookXml = await zip.file('xl/workbook.xml')!.async('string');
  if (!/<workbookPr\b/.test(workbookXml)) throw new Error(`${file}: no <workbookPr> to mark`);
  zip.file('xl/workbook.xml', workbookXml.replace(/<workbookPr\b/, '<workbookPr date1904="1"'));

  const styles = await zip.file('xl/styles.xml')!.async('string');
  const stylesTree = parseXml(styles);
  const custom = new Map(
    elements(stylesTree, 'numFmt').map((f) => [Number(f.attributes['numFmtId']), f.attributes['formatCode']!]),
  );
  const cellXfs = elements(stylesTree, 'cellXfs')[0]?.children.filter((e) => localName(e.name) === 'xf') ?? [];
  const dateStyles = new Set<number>();
  cellXfs.forEach((xf, index) => {
    const id = Number(xf.attributes['numFmtId'] ?? 0);
    if (formatKind(custom.get(id) ?? BUILTIN_NUMBER_FORMATS[id]) === 'date') dateStyles.add(index);
  });

  let shifted = 0;
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n))) {
    const xml = await zip.file(name)!.async('string');
    // A self-closing <c …/> holds no value (and must not swallow the next cell).
    const edited = xml.replace(/<c\b([^>]*?)(\/>|>[\s\S]*?<\/c>)/g, (whole, attributes: string, rest: string) => {
      const style = /\bs="(\d+)"/.exec(attributes);
      const type = /\bt="(\w+)"/.exec(attributes)?.[1] ?? 'n';
      if (rest === '/>' || !style || !dateStyles.has(Number(style[1])) || type !== 'n') return whole;
      return whole.replace(/<v>([^<]+)<\/v>/, (_v, serial: string) => {
        shifted++;
        return `<v>${Number(serial) - 1462}</v>`;
      });
    });
    zip.file(name, edited);
  }
  if (shifted === 0) throw new Error(`${file}: no date to shift`);
  writeFileSync(out, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return out;
}
