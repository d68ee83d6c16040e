/**
 * Every sheet prints readable on A4. LibreOffice prints (to PDF, French locale) the consolidated workbook
 * of the bundled examples, one with long comments and gaps, and a commune template; then on every page:
 * A4 paper, text at 8 points or more, no text over another, every printed cell's text there whole (a
 * clipped text loses its end in the PDF), and Synthèse's chart data (« Tableau de bord ») off the paper.
 *
 * Needs LibreOffice Calc and poppler-utils (`apt-get install libreoffice-calc poppler-utils`), with the
 * Carlito font (metric-compatible with Calibri).
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { LABELS } from '../../pipeline/write/consolidated/labels';
import {
  BUNDLED_EXAMPLES,
  COMMUNES,
  fillFor,
  framework,
  mergeCli,
  tempDir,
  writeCommune,
} from '../helpers/merge-fixtures';
import { writeQuarterlyCase } from '../helpers/evolution-fixture';
import { elements, parseXml } from '../helpers/xml';
import { convertToPdf, overlaps, printedSizes, readPages, tokens, type Page } from './pdf-layout';

const ROOT = path.resolve(__dirname, '..', '..');
const tmp = tempDir('print-a4');
afterAll(() => tmp.remove());

const L = LABELS.fr;
const MIN_POINTS = 8;
const LONG_COMMENT =
  "Activité reportée au trimestre suivant : la saison des pluies a coupé la route entre le chef-lieu et les villages du fleuve, l'équipe n'a pu se rendre que dans deux sites sur quatre ; les séances restantes sont programmées avec les relais communautaires dès la reprise des déplacements.";

interface Printed {
  file: string;
  pages: Page[];
  /** Sheet → the texts of its printed cells. */
  texts: Map<string, string[]>;
}

/** `'Synthèse'!$A$1:$F$80` → the print area of each sheet that has one. */
async function printAreas(file: string): Promise<Map<string, { columns: number; rows: number }>> {
  const xml = await (await JSZip.loadAsync(readFileSync(file))).file('xl/workbook.xml')!.async('string');
  const out = new Map<string, { columns: number; rows: number }>();
  for (const name of elements(parseXml(xml), 'definedName').filter(
    (e) => e.attributes['name'] === '_xlnm.Print_Area',
  )) {
    const m = /^'(.+?)'!\$A\$1:\$([A-Z]+)\$(\d+)$/.exec(name.text);
    if (m) out.set(m[1]!.replace(/''/g, "'"), { columns: m[2]!.charCodeAt(0) - 64, rows: Number(m[3]) });
  }
  return out;
}

/** The text of every visible sheet's cells inside its print area (the whole sheet when it has none). */
async function cellTexts(file: string): Promise<Map<string, string[]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const areas = await printAreas(file);
  const out = new Map<string, string[]>();
  workbook.eachSheet((ws) => {
    if (ws.state !== 'visible') return;
    const area = areas.get(ws.name);
    const texts: string[] = [];
    ws.eachRow((row, r) => {
      if (area && r > area.rows) return;
      row.eachCell((cell, c) => {
        if (area && c > area.columns) return;
        if (cell.isMerged && cell.master !== cell) return;
        const v = cell.value;
        const text =
          typeof v === 'string'
            ? v
            : v && typeof v === 'object' && 'result' in v && typeof v.result === 'string'
              ? v.result
              : null;
        if (text) texts.push(text);
      });
    });
    out.set(ws.name, texts);
  });
  return out;
}

/** Whether `token` is printed in pieces, in order: a long word broken across lines (other words between). */
function brokenAcross(token: string, printedTokens: readonly string[]): boolean {
  return printedTokens.some((first, start) => {
    if (first.length >= token.length || !token.startsWith(first)) return false;
    let done = first.length;
    for (let i = start + 1; i < printedTokens.length && done < token.length; i++)
      if (token.startsWith(printedTokens[i]!, done)) done += printedTokens[i]!.length;
    return done === token.length;
  });
}

const printed: Printed[] = [];

beforeAll(async () => {
  const examples = path.join(tmp.dir, 'exemples.xlsx');
  expect((await mergeCli(['--input', BUNDLED_EXAMPLES, '--output', examples])).code).toBe(0);

  // Long comments on every indicator and budget line, and two communes short of a target.
  const input = path.join(tmp.dir, 'commentaires');
  const shortOf = framework.indicators.find((i) => i.unit !== 'personnes')!;
  for (const code of COMMUNES) {
    const fill = fillFor(code);
    for (const key of Object.keys(fill))
      if (/:(achieved|spent)$/.test(key)) fill[key.replace(/:(achieved|spent)$/, ':comment')] = LONG_COMMENT;
    if (code === COMMUNES[0] || code === COMMUNES[1]) fill[`indicators:${shortOf.code}:achieved`] = 0;
    await writeCommune(input, code, { fill });
  }
  const comments = path.join(tmp.dir, 'commentaires.xlsx');
  expect((await mergeCli(['--input', input, '--output', comments])).code).toBeLessThanOrEqual(1);

  const template = path.join(tmp.dir, 'modele.xlsx');
  copyFileSync(path.join(ROOT, 'templates', 'communes', 'ensemble-gao_ANS_Ansongo.xlsx'), template);

  // A quarterly project (targets per quarter, one without, a quarter missing) with Évolution per commune,
  // and 30 more indicators: its tables run over several pages.
  const quarterly = await writeQuarterlyCase(path.join(tmp.dir, 'trimestres'), 30);
  const evolution = path.join(tmp.dir, 'evolution.xlsx');
  const args = [
    '--input',
    path.join(tmp.dir, 'trimestres', 'fiches'),
    '--output',
    evolution,
    '--framework',
    quarterly.frameworkFile,
    '--evolution-communes',
  ];
  expect((await mergeCli(args)).code).toBeLessThanOrEqual(1);

  const files = [examples, comments, template, evolution];
  mkdirSync(path.join(tmp.dir, 'pdf'), { recursive: true });
  const pdfs = convertToPdf(files, path.join(tmp.dir, 'pdf'));
  for (const [i, file] of files.entries()) {
    const texts = await cellTexts(file);
    const pages = readPages(pdfs[i]!, [...texts.keys()]);
    // The quarterly case is here for its Évolution sheet; the others are checked on the cases above.
    if (file === evolution) for (const name of texts.keys()) if (name !== 'Évolution') texts.delete(name);
    printed.push({
      file: path.basename(file),
      texts,
      pages: file === evolution ? pages.filter((p) => p.sheet === 'Évolution') : pages,
    });
  }
}, 400_000);

test('every page is A4 and names its sheet', () => {
  for (const { file, pages } of printed)
    for (const page of pages) {
      expect({ file, page: page.number, size: [page.width, page.height].map(Math.round).sort() }).toEqual({
        file,
        page: page.number,
        size: [595, 842],
      });
      expect({ file, page: page.number, sheet: page.sheet }).not.toEqual({ file, page: page.number, sheet: '?' });
    }
});

test('the measure holds: an 11-point cell printed at 100 % measures 11 points', () => {
  const identification = printed[2]!.pages.find((p) => p.sheet === 'Identification')!;
  const sizes = printedSizes(identification).filter((s) => s.word.text === 'Projet');
  expect(sizes.length).toBeGreaterThan(0);
  for (const s of sizes) expect(s.points).toBeCloseTo(11, 1);
});

test(`every sheet, charts included, prints its text at ${MIN_POINTS} points or more`, () => {
  const smallest: Record<string, number> = {};
  for (const { file, pages } of printed)
    for (const page of pages)
      for (const { points } of printedSizes(page)) {
        const key = `${file} › ${page.sheet}`;
        smallest[key] = Math.min(smallest[key] ?? Infinity, Math.round(points * 10) / 10);
      }
  const tooSmall = Object.entries(smallest).filter(([, points]) => points < MIN_POINTS);
  expect(tooSmall).toEqual([]);
});

test('no text prints over another', () => {
  const found = printed.flatMap(({ file, pages }) =>
    pages.flatMap((page) =>
      overlaps(page).map(([a, b]) => `${file} › ${page.sheet} p. ${page.number} : « ${a.text} » sur « ${b.text} »`),
    ),
  );
  expect(found.slice(0, 10)).toEqual([]);
});

test('every printed cell shows its whole text, and no cell shows ###', () => {
  const missing: string[] = [];
  for (const { file, pages, texts } of printed)
    for (const [sheet, cells] of texts) {
      const words = pages.filter((p) => p.sheet === sheet).flatMap((p) => p.words.map((w) => w.text));
      expect({ file, sheet, hashes: words.filter((w) => /^#+$/.test(w)) }).toEqual({ file, sheet, hashes: [] });
      const inPdf = new Map<string, number>();
      for (const t of words.flatMap(tokens)) inPdf.set(t, (inPdf.get(t) ?? 0) + 1);
      const needed = new Map<string, number>();
      for (const t of cells.flatMap(tokens)) needed.set(t, (needed.get(t) ?? 0) + 1);
      for (const [token, count] of needed) {
        // A long word (a file name, a fingerprint) may be broken across lines.
        const ok =
          (inPdf.get(token) ?? 0) >= count || (token.length >= 12 && brokenAcross(token, words.flatMap(tokens)));
        if (!ok)
          missing.push(
            `${file} › ${sheet} : « ${token} » ${count} fois dans les cellules, ${inPdf.get(token) ?? 0} dans le PDF`,
          );
      }
    }
  expect(missing.slice(0, 15)).toEqual([]);
});

test('Synthèse prints its tables and charts, not the chart data', () => {
  for (const { file, pages } of printed.slice(0, 2)) {
    const synthesis = pages.filter((p) => p.sheet === 'Synthèse');
    const text = synthesis.map((p) => p.words.map((w) => w.text).join(' ')).join('\n');
    expect({
      file,
      charts: [L.chartResults, L.chartCommunes, L.chartBudget, L.chartBeneficiaries].filter((t) => !text.includes(t)),
    }).toEqual({ file, charts: [] });
    expect({ file, dashboard: text.includes(L.dashboardHeading) }).toEqual({ file, dashboard: false });
  }
});

test('Évolution prints its summary, its two charts, then each table under its own header', () => {
  for (const { file, pages } of [printed[0]!, printed[3]!]) {
    const evolution = pages.filter((p) => p.sheet === 'Évolution');
    const text = (p: Page) => p.words.map((w) => w.text).join(' ');
    expect({ file, summary: text(evolution[0]!).includes(L.evoPeriodRate) }).toEqual({ file, summary: true });
    expect({
      file,
      charts: [L.chartEvolutionRates, L.chartEvolutionBudget].every((t) => text(evolution[1]!).includes(t)),
    }).toEqual({ file, charts: true });
    // Every page of detail has a header row above its first item: no table continues headless.
    for (const page of evolution.slice(2)) {
      const top = Math.min(...page.words.filter((w) => w.text === L.code).map((w) => w.y0));
      const firstItem = Math.min(
        ...page.words.filter((w) => /^(R\d+\.\d+\.\d+|BUD-\d+|BEN-|STR-)/.test(w.text)).map((w) => w.y0),
      );
      expect({ file, page: page.number, headerFirst: top < firstItem }).toEqual({
        file,
        page: page.number,
        headerFirst: true,
      });
    }
  }
  // With --evolution-communes and long tables: the project's tables over several pages, then each commune's.
  expect(printed[3]!.pages.filter((p) => p.sheet === 'Évolution').length).toBeGreaterThan(2 + 3 + 3 * COMMUNES.length);
});
