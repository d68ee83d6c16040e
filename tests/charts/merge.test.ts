/**
 * `npm run merge` writes a consolidated workbook whose Synthèse carries four native charts: achievement
 * rate by expected result and by commune (bars coloured by the thresholds of the conditional formats,
 * with the 100 % line), budget planned vs spent with the execution rate, beneficiaries by age band and
 * sex per commune. Every series reads the « Tableau de bord » tables of Synthèse, whose cells are live
 * formulas to Synthèse and the detail sheets; a commune that sent nothing is a labelled gap, never 0 %.
 */
import { EXECUTION_COLOURS } from '../../pipeline/write/consolidated/style';
import path from 'node:path';
import { RATE_COLOURS } from '../../pipeline/write/consolidated/style';
import { LABELS } from '../../pipeline/write/consolidated/labels';
import {
  BUNDLED_EXAMPLES,
  communeName,
  copyExamples,
  framework,
  isWriterFormula,
  mergeCli,
  SEED_BUDGET,
  tempDir,
  writeCommune,
} from '../helpers/merge-fixtures';
import {
  chartsOfSheet,
  elements,
  openPackage,
  packageProblems,
  refCells,
  relsOf,
  sheetCells,
  sheetParts,
  type ChartData,
  type Pkg,
} from './helpers/package';
import { child, elements as xmlElements, parseXml, walk } from '../helpers/xml';

const tmp = tempDir('charts-merge');
afterAll(() => tmp.remove());

type Cells = Map<string, { value: string | number; formula: string | null }>;

const strong = (band: keyof typeof RATE_COLOURS) => RATE_COLOURS[band].strong.slice(2);
const { rateGood: GOOD, rateFair: FAIR } = framework.thresholds;
const bandOf = (rate: number) => (rate >= GOOD ? 'good' : rate >= FAIR ? 'fair' : 'poor');

interface Merged {
  pkg: Pkg;
  charts: ChartData[];
  synthesis: Cells;
  cellsOf(sheet: string): Promise<Cells>;
}

async function merged(output: string): Promise<Merged> {
  const pkg = await openPackage(output);
  const parts = await sheetParts(pkg);
  return {
    pkg,
    charts: await chartsOfSheet(pkg, 'Synthèse'),
    synthesis: await sheetCells(pkg, parts.get('Synthèse')!),
    cellsOf: (sheet) => sheetCells(pkg, parts.get(sheet)!),
  };
}

/** The cells of a chart range on Synthèse, in order, with their cached value and formula. */
function rangeCells(m: Merged, ref: string) {
  const { sheet, cells } = refCells(ref);
  expect(sheet).toBe('Synthèse');
  return cells.map((address) => ({ address, ...(m.synthesis.get(address) ?? { value: '', formula: null }) }));
}

/** The row of Synthèse whose column A shows `text` (first one, above the dashboard). */
function synthesisRow(m: Merged, text: string): number {
  const rows = [...m.synthesis]
    .filter(([a, c]) => /^A\d+$/.test(a) && c.value === text)
    .map(([a]) => Number(a.slice(1)));
  if (rows.length === 0) throw new Error(`no « ${text} » in Synthèse!A`);
  return Math.min(...rows);
}

describe('the bundled examples, in French', () => {
  const output = path.join(tmp.dir, 'exemples.xlsx');
  const L = LABELS.fr;
  let m: Merged;

  beforeAll(async () => {
    const cli = await mergeCli(['--input', BUNDLED_EXAMPLES, '--output', output]);
    expect(cli.code).toBe(0);
    m = await merged(output);
  });

  test('the package is valid: every part well-formed and typed, every relationship target present', async () => {
    expect(await packageProblems(m.pkg)).toEqual([]);
  });

  test('Synthèse has the four charts, titled in French; no other sheet but Évolution has a drawing', async () => {
    expect(m.charts.map((c) => c.title)).toEqual([
      L.chartResults,
      L.chartCommunes,
      L.chartBudget,
      L.chartBeneficiaries,
    ]);
    expect(m.charts.map((c) => c.axisTitles)).toEqual([
      [L.expectedResult, L.achievementRate],
      [L.commune, L.achievementRate],
      [L.budgetLine, L.amountFcfa, L.executionRate],
      [L.commune, L.people],
    ]);
    for (const c of m.charts) expect(c.xml).toContain('<c:lang val="fr-FR"/>');
    const parts = await sheetParts(m.pkg);
    // Évolution has its own two charts (tests/merge/evolution.test.ts); no other sheet has any.
    for (const [name, part] of parts)
      if (name !== 'Synthèse' && name !== 'Évolution')
        expect([name, (await relsOf(m.pkg, part)).filter((r) => r.type === 'drawing')]).toEqual([name, []]);
  });

  test('every range is on Synthèse, points at existing non-empty cells, and caches what the cells show', () => {
    for (const chart of m.charts)
      for (const s of chart.series) {
        const name = rangeCells(m, s.nameRef!);
        expect(name).toHaveLength(1);
        expect(s.nameCache).toEqual([name[0]!.value]);
        const cats = rangeCells(m, s.catRef);
        const vals = rangeCells(m, s.valRef);
        expect(vals).toHaveLength(cats.length);
        expect(s.ptCount).toBe(cats.length);
        cats.forEach((c, i) => {
          expect([s.catRef, c.address, typeof c.value, c.value !== '']).toEqual([s.catRef, c.address, 'string', true]);
          expect(s.catCache.get(i)).toBe(c.value);
        });
        vals.forEach((v, i) => {
          // Non-empty: a number, or a live formula (a band column is blank when the rate is not in its band).
          expect([s.valRef, v.address, typeof v.value === 'number' || v.formula !== null]).toEqual([
            s.valRef,
            v.address,
            true,
          ]);
          expect([v.address, s.valCache.get(i)]).toEqual([
            v.address,
            typeof v.value === 'number' ? v.value : undefined,
          ]);
        });
      }
  });

  test('rate by expected result: one bar per result R1.1 … R4.3, each the Synthèse rate of that result, coloured by its threshold', () => {
    const [chart] = m.charts;
    const [good, fair, poor, target] = chart!.series;
    expect([good, fair, poor, target].map((s) => [s!.kind, s!.colour])).toEqual([
      ['bar', strong('good')],
      ['bar', strong('fair')],
      ['bar', strong('poor')],
      ['line', '404040'],
    ]);
    expect([good, fair, poor, target].map((s) => s!.nameCache[0])).toEqual([
      'Atteint : chaque indicateur ≥ 100 %',
      'Proche : le plus faible de 80 à 100 %',
      'En retard : le plus faible < 80 %',
      'Cible (100 %)',
    ]);
    expect(chart!.xml).toContain('<c:overlap val="100"/>'); // one visible bar per result
    expect(chart!.xml).toContain('<a:prstDash val="dash"/>'); // the 100 % line
    const codes = rangeCells(m, good!.catRef).map((c) => c.value);
    expect(codes).toEqual(framework.results.map((r) => r.code));
    const bands = [good, fair, poor].map((s) => rangeCells(m, s!.valRef));
    rangeCells(m, good!.catRef).forEach((cat, i) => {
      // The dashboard's rate cell is a formula to the result's row of the Synthèse results table.
      const row = Number(cat.address.slice(1));
      const rate = m.synthesis.get(`C${row}`)!;
      const resultRow = synthesisRow(m, String(cat.value));
      expect(rate.formula).toBe(`E${resultRow}`);
      expect(rate.value).toBe(m.synthesis.get(`E${resultRow}`)!.value);
      expect(typeof rate.value).toBe('number');
      const shown = bands.map((b) => b[i]!.value);
      const expected = (['good', 'fair', 'poor'] as const).map((b) =>
        b === bandOf(rate.value as number) ? rate.value : '',
      );
      expect([cat.value, shown]).toEqual([cat.value, expected]);
    });
    expect(rangeCells(m, target!.valRef).map((c) => c.value)).toEqual(framework.results.map(() => GOOD));
  });

  test('rate by commune: one bar per commune, the rate of the Synthèse communes table', () => {
    const chart = m.charts[1]!;
    const cats = rangeCells(m, chart.series[0]!.catRef);
    expect(cats.map((c) => c.value)).toEqual(framework.communes.map((c) => c.name));
    for (const cat of cats) {
      const rate = m.synthesis.get(`C${cat.address.slice(1)}`)!;
      const row = synthesisRow(m, String(cat.value));
      expect(rate.formula).toBe(`D${row}`);
      expect(rate.value).toBe(1);
    }
    expect(chart.series[0]!.valCache.size).toBe(framework.communes.length); // all achieved: all in the first band
  });

  test('budget: planned and spent per line from the Budget sheet’s totals, the execution rate on a secondary axis', async () => {
    const chart = m.charts[2]!;
    const [planned, spent, rate] = chart.series;
    expect([planned!.kind, spent!.kind, rate!.kind]).toEqual(['bar', 'bar', 'line']);
    expect(chart.xml).toContain('<c:crosses val="max"/>');
    expect(rangeCells(m, planned!.catRef).map((c) => c.value)).toEqual(framework.budgetLines.map((b) => b.label));
    const budget = await m.cellsOf('Budget');
    for (const s of [planned!, spent!, rate!])
      for (const cell of rangeCells(m, s.valRef)) {
        const [, address] = /^'Budget'!([A-Z]+\d+)$/.exec(cell.formula ?? '') ?? [];
        expect([cell.address, address]).toEqual([cell.address, expect.stringMatching(/^[A-Z]+\d+$/)]);
        expect(cell.value).toBe(budget.get(address!)!.value);
      }
    const sum = (s: typeof planned) => [...s!.valCache.values()].reduce((a, b) => a + b, 0);
    expect(sum(planned)).toBe(SEED_BUDGET);
    expect(sum(spent)).toBe(SEED_BUDGET);
    // Execution-rate markers: execution is not achievement; within the budget in blue, overspending apart.
    const markers = walk(parseXml(chart.xml))
      .filter((e) => e.name === 'c:dPt')
      .map((dPt) => dPt.children.find((c) => c.name === 'c:marker'))
      .filter((marker) => marker?.children.some((c) => c.name === 'c:symbol' && c.attributes['val'] === 'circle'))
      .map((marker) => walk(marker!).find((e) => e.name === 'a:srgbClr')?.attributes['val']);
    expect(markers).toEqual(
      [...rate!.valCache.values()].map((v) =>
        (v > 1 ? EXECUTION_COLOURS.over.strong : EXECUTION_COLOURS.within.strong).slice(2),
      ),
    );
  });

  test('beneficiaries: per commune, stacked by age band and sex, from the Bénéficiaires sheet; totals add up', () => {
    const chart = m.charts[3]!;
    expect(chart.xml).toContain('<c:grouping val="stacked"/>');
    const people = framework.beneficiaries.filter((b) => b.unit === 'personnes');
    // Legends name the age band briefly (the framework's short label): « Femmes – 18 à 24 ans ».
    expect(chart.series.map((s) => s.nameCache[0])).toEqual(
      people.flatMap((b) => [`Femmes – ${b.shortLabel ?? b.label}`, `Hommes – ${b.shortLabel ?? b.label}`]),
    );
    expect(chart.series.map((s) => s.nameCache[0])).toContain('Femmes – 18 à 24 ans');
    expect(rangeCells(m, chart.series[0]!.catRef).map((c) => c.value)).toEqual(framework.communes.map((c) => c.name));
    for (const s of chart.series)
      for (const cell of rangeCells(m, s.valRef)) expect(cell.formula).toMatch(/^'Bénéficiaires'!\$?[A-Z]+\$?\d+$/);
    // Women + men of each age band, over the communes, is the band's total on Synthèse's beneficiaries table.
    people.forEach((b, i) => {
      const total = [chart.series[2 * i]!, chart.series[2 * i + 1]!]
        .flatMap((s) => [...s.valCache.values()])
        .reduce((a, v) => a + v, 0);
      expect([b.code, total]).toEqual([b.code, m.synthesis.get(`E${synthesisRow(m, b.code)}`)!.value]);
    });
  });

  test('every formula of the dashboard is one the writer produces (functions, references, "" only)', () => {
    const first = synthesisRow(m, L.dashboardHeading);
    const dashboard = [...m.synthesis].filter(([a, c]) => Number(/\d+/.exec(a)![0]) > first && c.formula !== null);
    expect(dashboard.length).toBeGreaterThan(40);
    for (const [address, c] of dashboard)
      expect([address, c.formula, isWriterFormula(c.formula!)]).toEqual([address, c.formula, true]);
  });

  test('the charts sit under the Synthèse tables, as wide as them (A to I), two a printed page, without overlapping', async () => {
    const part = (await sheetParts(m.pkg)).get('Synthèse')!;
    const drawing = (await relsOf(m.pkg, part)).find((r) => r.type === 'drawing')!.target;
    const xml = await m.pkg.text(drawing);
    const sheetXml = await m.pkg.text(part);
    const widths = new Map<number, number>();
    for (const c of elements(sheetXml, 'col'))
      for (let i = Number(c.get('min')); i <= Number(c.get('max')); i++) widths.set(i, Number(c.get('width')));
    const heights = new Map(elements(sheetXml, 'row').map((r) => [Number(r.get('r')), Number(r.get('ht') ?? 15)]));
    const colX = (col0: number) =>
      [...Array(col0).keys()].reduce((x, i) => x + Math.trunc((widths.get(i + 1) ?? 8.43) * 7 + 5), 0);
    const rowY = (row0: number) =>
      [...Array(row0).keys()].reduce((y, i) => y + Math.round(((heights.get(i + 1) ?? 15) * 96) / 72), 0);
    const boxes = xmlElements(parseXml(xml), 'oneCellAnchor').map((anchor) => {
      const from = child(anchor, 'xdr:from');
      const ext = child(anchor, 'xdr:ext');
      const [col, colOff, row, rowOff] = ['xdr:col', 'xdr:colOff', 'xdr:row', 'xdr:rowOff'].map((name) =>
        Number(child(from, name).text),
      ) as [number, number, number, number];
      const [cx, cy] = [Number(ext.attributes['cx']), Number(ext.attributes['cy'])];
      const x = colX(col) + colOff / 9525;
      const y = rowY(row) + rowOff / 9525;
      return { col, x, y, right: x + cx / 9525, bottom: y + cy / 9525 };
    });
    expect(boxes).toHaveLength(4);
    const sectionsBottom = rowY(synthesisRow(m, L.rejectedHeading));
    for (const b of boxes) expect([b.col, b.y > sectionsBottom, b.right <= colX(9)]).toEqual([0, true, true]); // under the sections, within A to I
    // A manual page break before each page of two charts; the print area stops above the chart data.
    expect(elements(sheetXml, 'brk')).toHaveLength(2);
    expect(await m.pkg.text('xl/workbook.xml')).toMatch(
      new RegExp(`_xlnm\\.Print_Area" localSheetId="0">&apos;Synthèse&apos;!\\$A\\$1:\\$I\\$(\\d+)<`),
    );
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        const overlap = a.x < b.right && b.x < a.right && a.y < b.bottom && b.y < a.bottom;
        expect([i, j, overlap]).toEqual([i, j, false]);
      }
    // The charts end above the dashboard tables, which are below every Synthèse section.
    const tablesTop = rowY(synthesisRow(m, L.dashboardHeading) - 1);
    for (const b of boxes) expect(b.bottom).toBeLessThan(tablesTop);
    expect(synthesisRow(m, L.dashboardHeading)).toBeGreaterThan(synthesisRow(m, L.rejectedHeading));
  });
});

describe('Bara not received, Gounzourèye below its targets, in English', () => {
  const input = path.join(tmp.dir, 'gaps');
  const output = path.join(tmp.dir, 'gaps.xlsx');
  const L = LABELS.en;
  let m: Merged;

  beforeAll(async () => {
    copyExamples(input, ['BAR', 'GNZ']);
    const target = (code: string) => framework.indicators.find((i) => i.code === code)!.targets.GNZ!;
    await writeCommune(input, 'GNZ', {
      fill: { 'indicators:R2.2.1:achieved': 0, 'indicators:R4.3.1:achieved': Math.floor(target('R4.3.1') / 2) },
    });
    const cli = await mergeCli(['--input', input, '--output', output, '--lang', 'en']);
    expect(cli.code).toBe(0);
    m = await merged(output);
  });

  test('still a valid package with the four charts, in English', async () => {
    expect(await packageProblems(m.pkg)).toEqual([]);
    expect(m.charts.map((c) => c.title)).toEqual([
      L.chartResults,
      L.chartCommunes,
      L.chartBudget,
      L.chartBeneficiaries,
    ]);
    expect(m.charts[0]!.series.map((s) => s.nameCache[0])).toEqual([
      'Achieved: every indicator ≥ 100%',
      'Close: weakest 80 to 100%',
      'Behind: weakest < 80%',
      'Target (100%)',
      'Rate',
    ]);
    // The series that carries the labels has no legend entry.
    expect(m.charts[0]!.xml).toContain('<c:legendEntry><c:idx val="4"/><c:delete val="1"/></c:legendEntry>');
    for (const c of m.charts) expect(c.xml).toContain('<c:lang val="en-GB"/>');
  });

  test('Bara keeps its bar position, labelled « Bara (not received) », its value cells empty — not 0 %', () => {
    const chart = m.charts[1]!;
    const cats = rangeCells(m, chart.series[0]!.catRef);
    const bara = cats.findIndex((c) => c.value === `${communeName('BAR')} (not received)`);
    expect(bara).toBe(framework.communes.findIndex((c) => c.code === 'BAR'));
    const row = Number(cats[bara]!.address.slice(1));
    for (const col of ['C', 'D', 'E', 'F']) expect([col, m.synthesis.get(`${col}${row}`)]).toEqual([col, undefined]);
    for (const s of chart.series.slice(0, 3)) {
      expect(s.ptCount).toBe(framework.communes.length);
      expect(s.valCache.has(bara)).toBe(false);
    }
    // The beneficiaries too: no number for Bara in any series.
    for (const s of m.charts[3]!.series) {
      expect(rangeCells(m, s.valRef)[bara]).toEqual(expect.objectContaining({ value: '', formula: null }));
      expect(s.valCache.has(bara)).toBe(false);
    }
  });

  test('each commune and result bar is in the series of its threshold, coloured as the conditional formats', () => {
    for (const chart of m.charts.slice(0, 2)) {
      const [good, fair, poor] = chart.series;
      expect([good!.colour, fair!.colour, poor!.colour]).toEqual([strong('good'), strong('fair'), strong('poor')]);
      rangeCells(m, good!.catRef).forEach((cat, i) => {
        const rate = m.synthesis.get(`C${cat.address.slice(1)}`);
        const weakest = m.synthesis.get(`D${cat.address.slice(1)}`);
        const inBands = [good, fair, poor].map((s) => s!.valCache.get(i));
        if (!rate) expect(inBands).toEqual([undefined, undefined, undefined]);
        else {
          // The bar's height is the rate; its band (colour) is the weakest indicator's.
          const v = rate.value as number;
          const w = weakest!.value as number;
          expect(w).toBeLessThanOrEqual(v === 1 ? Infinity : v);
          expect([cat.value, inBands]).toEqual([
            cat.value,
            (['good', 'fair', 'poor'] as const).map((b) => (b === bandOf(w) ? v : undefined)),
          ]);
        }
      });
    }
    // Gounzourèye is below 100 %: its bar is not in the « achieved » series.
    const communes = m.charts[1]!;
    const gnz = rangeCells(m, communes.series[0]!.catRef).findIndex((c) => c.value === communeName('GNZ'));
    expect(communes.series[0]!.valCache.has(gnz)).toBe(false);
    expect(communes.series[1]!.valCache.has(gnz) || communes.series[2]!.valCache.has(gnz)).toBe(true);
    // And the rate table shows it with the same thresholds as everywhere else.
    const results = m.charts[0]!;
    expect(results.series[1]!.valCache.size + results.series[2]!.valCache.size).toBeGreaterThan(0);
  });
});
