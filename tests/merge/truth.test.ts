/**
 * What a manager reads tells the truth (issue 9, points 1–5 and 8). One consolidation of 2023 where
 * Bara sent nothing, Gounzourèye overspent a budget line (with a reason), R2.2 has one indicator far
 * above its target and one far below, and nobody achieved anything of R3.1 yet. Every figure shown —
 * Synthèse, Prévu vs Réalisé, Budget, the Écarts text, the charts' data, `--json` and the CSV — follows
 * one rule, and a test fails if any two disagree.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { cappedMean, rateBand, weakest } from '../../core/consolidate/rates';
import { LABELS } from '../../pipeline/write/consolidated/labels';
import { chartsOfSheet, openPackage, sheetCells, sheetParts } from '../charts/helpers/package';
import type { CliResult } from '../cli/capture';
import { convertToPdf, readPages } from '../print/pdf-layout';
import {
  detailRows,
  framework,
  mergeCli,
  readWorkbook,
  records,
  rowWith,
  sectionTexts,
  sheet,
  shown,
  tempDir,
  writeCommune,
} from '../helpers/merge-fixtures';
import { parseXml, walk } from '../helpers/xml';

/** exceljs reads the conditional formats back (not in its typings). */
interface ConditionalFormat {
  ref: string;
  rules: { formulae?: string[]; style?: { fill?: { bgColor?: { argb?: string } } } }[];
}
const conditionalFormats = (ws: ExcelJS.Worksheet) =>
  (ws as unknown as { conditionalFormattings: ConditionalFormat[] }).conditionalFormattings;

const tmp = tempDir('merge-truth');
afterAll(() => tmp.remove());

const L = LABELS.fr;
const OVERSPEND = 137500;
const BUD1 = framework.budgetLines[0]!;
const R31 = framework.indicators.filter((i) => i.result === 'R3.1');
const RECEIVED = ['GNZ', 'SAL', 'ANS'];

interface JsonSummary {
  indicators: {
    code: string;
    planned: number;
    achieved: number | null;
    rate: number | null;
    plannedNotReceived: number;
    target: number;
  }[];
  results: { code: string; rate: number | null; weakest: number | null }[];
}

const input = path.join(tmp.dir, 'in');
const output = path.join(tmp.dir, 'consolidation.xlsx');
const csv = path.join(tmp.dir, 'donnees.csv');
let cli: CliResult;
let json: JsonSummary;
let workbook: ExcelJS.Workbook;

beforeAll(async () => {
  const fill = (code: string): Record<string, number | string> => {
    const f: Record<string, number | string> = {
      // R2.2: sensitisations well above target, advocacy far below.
      'indicators:R2.2.1:achieved': { GNZ: 4, SAL: 1, ANS: 1 }[code]!,
      'indicators:R2.2.2:achieved': { GNZ: 1, SAL: 1, ANS: 0 }[code]!,
      'indicators:R2.2.2:comment': 'Plaidoyer reporté',
    };
    // R3.1: nothing achieved anywhere yet.
    for (const ind of R31) {
      f[`indicators:${ind.code}:achieved`] = 0;
      if (ind.unit === 'personnes')
        Object.assign(f, { [`indicators:${ind.code}:women`]: 0, [`indicators:${ind.code}:men`]: 0 });
      f[`indicators:${ind.code}:comment`] = 'Centres pas encore ouverts';
    }
    if (code === 'GNZ')
      Object.assign(f, {
        [`budget:${BUD1.code}:spent`]: BUD1.planned.GNZ! + OVERSPEND,
        [`budget:${BUD1.code}:comment`]: 'Hausse du carburant',
      });
    return f;
  };
  for (const code of RECEIVED) await writeCommune(input, code, { fill: fill(code) });
  const run = await mergeCli(['--input', input, '--output', output, '--csv', csv, '--json']);
  json = JSON.parse(run.stdout) as JsonSummary;
  cli = await mergeCli(['--input', input, '--output', output, '--csv', csv]);
  workbook = await readWorkbook(output);
}, 60_000);

test('the merge succeeds: warnings are not errors', () => {
  expect([cli.code, cli.stderr]).toEqual([0, '']);
});

describe('1. overspending never reads as money left', () => {
  test('Reste is negative, its format has a minus sign, separators and a colour; the execution rate is not an achievement', () => {
    const budget = sheet(workbook, 'Budget');
    const gnz = detailRows(budget).find((r) => r.code === BUD1.code && r.commune === 'Gounzourèye')!;
    expect(gnz.value('Reste (FCFA)')).toBe(-OVERSPEND);
    for (const header of ['Prévu (FCFA)', 'Dépensé (FCFA)', 'Reste (FCFA)']) {
      const format = gnz.get(header).numFmt;
      const [, negative] = format.split(';');
      expect([header, format]).toEqual([header, expect.stringMatching(/^#,##0;/)]);
      expect([header, negative]).toEqual([header, expect.stringMatching(/^\[Red\]-#,##0$/)]);
    }
    // The rate column of Budget is coloured as execution: no « Atteint » green, an overspending band.
    const rateColumn = gnz.get('Taux d’exécution').address.replace(/\d+/g, '');
    const rules = conditionalFormats(budget).filter((cf) => cf.ref.startsWith(rateColumn));
    const fills = rules.flatMap((cf) => cf.rules.map((r) => r.style?.fill?.bgColor?.argb)).filter(Boolean);
    expect(fills).not.toContain('FFC6EFCE');
    expect(fills).toContain('FFF4B183');
  });

  test('LibreOffice (French locale) prints the overspend with its minus sign and separators', () => {
    const [pdf] = convertToPdf([output], path.join(tmp.dir, 'pdf'));
    const text = readPages(
      pdf!,
      workbook.worksheets.map((w) => w.name),
    )
      .filter((p) => p.sheet === 'Budget')
      .flatMap((p) => p.words.map((w) => w.text))
      .join(' ');
    expect(text).toMatch(/-137[\s\u00a0\u202f]500/);
    expect(text).not.toMatch(/(^|\s)137500(\s|$)/);
  }, 240_000);
});

describe('3. one definition of a rate, used everywhere', () => {
  /** Planned and achieved per indicator, from the CSV alone: planned once per commune, received ones only. */
  function fromCsv(): Map<string, { planned: number; achieved: number }> {
    const rows = Papa.parse<Record<string, string>>(readFileSync(csv, 'utf8').replace(/^\uFEFF/, ''), {
      header: true,
      delimiter: ';',
      skipEmptyLines: true,
    }).data;
    const out = new Map<string, { planned: number; achieved: number }>();
    for (const row of rows.filter((r) => r.Section === 'Indicateurs' && r['Désagrégation'] === 'Total')) {
      const num = (s: string) => Number(s.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.'));
      const e = out.get(row.Code!) ?? { planned: 0, achieved: 0 };
      out.set(row.Code!, { planned: e.planned + num(row['Prévu']!), achieved: e.achieved + num(row['Réalisé']!) });
    }
    return out;
  }

  test('CSV, --json, Prévu vs Réalisé, Synthèse and Écarts give the same planned, achieved and rate', () => {
    const csvTotals = fromCsv();
    const pva = detailRows(sheet(workbook, 'Prévu vs Réalisé')).filter((r) => r.commune === 'Total projet');
    const synthesis = sheet(workbook, 'Synthèse');
    const gaps = sectionTexts(synthesis, 'Écarts').join('\n');
    for (const ind of framework.indicators) {
      const c = csvTotals.get(ind.code)!;
      const j = json.indicators.find((i) => i.code === ind.code)!;
      const p = pva.find((r) => r.code === ind.code)!;
      const s = rowWith(synthesis, 'A', ind.code);
      const rate = c.achieved / c.planned;
      const seen = {
        json: [j.planned, j.achieved, j.rate],
        pva: [p.value('Prévu'), p.value('Réalisé'), p.value('Taux')],
        synthesis: [shown(s.getCell('C')), shown(s.getCell('D')), shown(s.getCell('E'))],
      };
      expect([ind.code, seen]).toEqual([
        ind.code,
        {
          json: [c.planned, c.achieved, rate],
          pva: [c.planned, c.achieved, rate],
          synthesis: [c.planned, c.achieved, rate],
        },
      ]);
      // Bara's target apart, the same in --json and on Synthèse.
      expect([ind.code, j.plannedNotReceived, shown(s.getCell('F'))]).toEqual([
        ind.code,
        ind.targets.BAR,
        ind.targets.BAR,
      ]);
      if (c.achieved < c.planned)
        expect(gaps).toContain(
          `${ind.code} ${ind.label} : réalisé ${c.achieved} sur ${c.planned} prévus (${Math.round(rate * 100)}\u00a0%)`,
        );
    }
  });

  test('each result: Synthèse, the chart data and --json agree on the capped mean and the weakest indicator', async () => {
    const pkg = await openPackage(output);
    const part = (await sheetParts(pkg)).get('Synthèse')!;
    const cells = await sheetCells(pkg, part);
    const [resultsChart] = await chartsOfSheet(pkg, 'Synthèse');
    const labels = resultsChart!.series.at(-1)!;
    const synthesis = sheet(workbook, 'Synthèse');
    framework.results.forEach((res, i) => {
      const rates = json.indicators
        .filter((j) => framework.indicators.find((x) => x.code === j.code)!.result === res.code)
        .map((j) => j.rate);
      const j = json.results.find((r) => r.code === res.code)!;
      expect([res.code, j.rate, j.weakest]).toEqual([res.code, cappedMean(rates), weakest(rates)]);
      expect([res.code, shown(rowWith(synthesis, 'A', res.code).getCell('E'))]).toEqual([res.code, j.rate]);
      expect([res.code, labels.valCache.get(i)]).toEqual([res.code, j.rate]);
      // The chart data's own row: the rate and the weakest indicator, as cached values in the package.
      const row = Number(/\d+$/.exec(labels.valRef.split(':')[0]!)![0]) + i;
      expect([res.code, cells.get(`C${row}`)?.value, cells.get(`D${row}`)?.value]).toEqual([
        res.code,
        j.rate,
        j.weakest,
      ]);
    });
  });
});

describe('4. a result is not « Atteint » while one of its indicators is behind', () => {
  test('R2.2: 150 % and 67 % make 83 % (each capped at 100 %), coloured by its weakest indicator: En retard', async () => {
    const r22 = json.results.find((r) => r.code === 'R2.2')!;
    expect(r22.rate).toBeCloseTo((1 + 2 / 3) / 2, 10);
    expect(r22.weakest).toBeCloseTo(2 / 3, 10);
    expect(rateBand(r22.weakest!, framework.thresholds)).toBe('poor');
    // In the chart: its bar is in the « En retard » series, at the height of its rate.
    const pkg = await openPackage(output);
    const [results] = await chartsOfSheet(pkg, 'Synthèse');
    const index = framework.results.findIndex((r) => r.code === 'R2.2');
    const [good, fair, poor] = results!.series;
    expect([good!.valCache.get(index), fair!.valCache.get(index), poor!.valCache.get(index)]).toEqual([
      undefined,
      undefined,
      r22.rate,
    ]);
    // On Synthèse: the result row's colour follows MIN of its indicators, and the rule is written there.
    const synthesis = sheet(workbook, 'Synthèse');
    const row = rowWith(synthesis, 'A', 'R2.2').number;
    const cf = conditionalFormats(synthesis).find((c) => c.ref === `E${row}`)!;
    expect(JSON.stringify(cf.rules)).toContain(`MIN(E${row + 1}:E${row + 2})`);
    // Cross-sheet references are not allowed in conditional formats: every rule reads its own sheet.
    for (const ws of workbook.worksheets)
      for (const c of conditionalFormats(ws))
        for (const rule of c.rules)
          for (const f of rule.formulae ?? [])
            expect([ws.name, c.ref, f]).toEqual([ws.name, c.ref, expect.not.stringContaining('!')]);
    expect(records(synthesis, 1).some((r) => synthesis.getCell(`B${r.row}`).value === L.rateRule)).toBe(true);
  });
});

describe('5. 0 % is visible, and different from « non reçu »', () => {
  test('R3.1 at 0 %: cached 0 in Synthèse and in the chart data, labelled « 0 % »; Bara keeps its name with « non reçu » and no value', async () => {
    const pkg = await openPackage(output);
    const cells = await sheetCells(pkg, (await sheetParts(pkg)).get('Synthèse')!);
    const [results, communes] = await chartsOfSheet(pkg, 'Synthèse');
    const labels = results!.series.at(-1)!;
    const index = framework.results.findIndex((r) => r.code === 'R3.1');
    expect(labels.valCache.get(index)).toBe(0);
    const row = Number(/\d+$/.exec(labels.valRef.split(':')[0]!)![0]) + index;
    expect(cells.get(`C${row}`)?.value).toBe(0);
    // Labels show zero (third section) and hide text: `0 %;-0 %;0 %;`.
    const inOrder = walk(parseXml(results!.xml));
    const lastSeries = inOrder.map((e) => e.name).lastIndexOf('c:ser');
    const format = inOrder.slice(lastSeries).find((e) => e.name === 'c:dLbls' && e.children[0]?.name === 'c:numFmt')!
      .children[0]!.attributes['formatCode']!;
    expect(format.split(';')[2]).toMatch(/^0/);
    // The commune not received: named so in the chart, no point in any series.
    const bara = framework.communes.findIndex((c) => c.code === 'BAR');
    expect(communes!.series[0]!.catCache.get(bara)).toBe('Bara (non reçu)');
    for (const s of communes!.series.slice(0, 3)) expect(s.valCache.has(bara)).toBe(false);
    expect(communes!.series.at(-1)!.valCache.has(bara)).toBe(false);
  });
});

describe('8. labels and dates read as French', () => {
  test('« Consolidé le » is a French date; Contrôles names the check in words and keeps the id apart', () => {
    const synthesis = sheet(workbook, 'Synthèse');
    expect(String(shown(rowWith(synthesis, 'A', L.generated).getCell('B')))).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    const controls = records(sheet(workbook, 'Contrôles'), 1);
    const under = controls.find(
      (r) => r.value('Règle') === 'under-achievement-without-comment' || r.value('Règle') === 'over-achievement',
    )!;
    expect(String(under.value('Contrôle'))).toMatch(/^[A-ZÀ-Ý][a-zà-ÿ]/);
    expect(under.value('Contrôle')).not.toBe(under.value('Règle'));
  });
});
