/**
 * A real spreadsheet application imports the charts: LibreOffice converts the consolidated workbook to
 * OpenDocument, and the converted Synthèse holds four chart objects reading the expected ranges, with
 * their titles, series colours and the secondary axis; a commune not received is a gap (no number).
 *
 * Needs LibreOffice Calc (`apt-get install libreoffice-calc`); CI installs it. Each conversion uses its
 * own fresh profile so parallel runs do not collide.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import JSZip from 'jszip';
import { LABELS } from '../../pipeline/write/consolidated/labels';
import { RATE_COLOURS } from '../../pipeline/write/consolidated/style';
import { BUNDLED_EXAMPLES, communeName, copyExamples, framework, mergeCli, tempDir } from '../helpers/merge-fixtures';
import { parseXml, textContent, walk } from '../helpers/xml';
import { chartsOfSheet, openPackage, type ChartData } from './helpers/package';

const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/lib/libreoffice/program/soffice'].find(existsSync);
const tmp = tempDir('charts-lo');
afterAll(() => tmp.remove());

/** `soffice --convert-to ods` with a throw-away profile; returns the .ods path. */
function convertToOds(file: string, outDir: string): string {
  if (!SOFFICE)
    throw new Error('LibreOffice est introuvable : installez-le avec « apt-get install libreoffice-calc ».');
  const profile = mkdtempSync(path.join(os.tmpdir(), 'me-lo-profile-'));
  try {
    const result = spawnSync(
      SOFFICE,
      [
        `-env:UserInstallation=${pathToFileURL(profile).href}`,
        '--headless',
        '--norestore',
        '--convert-to',
        'ods',
        '--outdir',
        outDir,
        file,
      ],
      {
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    const ods = path.join(outDir, `${path.basename(file, '.xlsx')}.ods`);
    if (result.error || result.status !== 0 || !existsSync(ods))
      throw new Error(`soffice failed: ${result.error?.message ?? ''} ${result.stderr} ${result.stdout}`);
    return ods;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

interface OdsChart {
  title: string;
  chartClass: string;
  series: { values: string; label: string; kind: string; axis: string | null; fill: string | null }[];
  categories: string;
  /** The chart's own copy of its data: rows of [category, ...values] (NaN where there is no number). */
  table: (string | number)[][];
}

/** Sheet name → the chart objects drawn on it, as LibreOffice wrote them. */
async function odsCharts(file: string): Promise<Map<string, OdsChart[]>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const content = parseXml(await zip.file('content.xml')!.async('string'));
  const out = new Map<string, OdsChart[]>();
  for (const sheet of walk(content).filter((e) => e.name === 'table:table')) {
    const charts: OdsChart[] = [];
    for (const object of walk(sheet).filter(
      (e) => e.name === 'draw:object' && e.attributes['xlink:href']?.startsWith('./'),
    )) {
      const chart = parseXml(
        await zip.file(`${object.attributes['xlink:href']!.slice(2)}/content.xml`)!.async('string'),
      );
      const all = (name: string) => walk(chart).filter((e) => e.name === name);
      const fills = new Map(
        all('style:style').map((style) => [
          style.attributes['style:name']!,
          walk(style).find((e) => e.attributes['draw:fill-color'] !== undefined)?.attributes['draw:fill-color'] ?? null,
        ]),
      );
      const rows = all('table:table-rows')
        .slice(0, 1)
        .flatMap((body) => body.children.filter((e) => e.name === 'table:table-row'))
        .map((row) =>
          row.children
            .filter((c) => c.name === 'table:table-cell')
            .map((cell) => {
              const value = cell.attributes['office:value'];
              const p = cell.children.find((c) => c.name === 'text:p');
              return value !== undefined ? Number(value) : p ? textContent(p) : '';
            }),
        );
      const title = all('chart:title')[0]?.children.find((c) => c.name === 'text:p');
      charts.push({
        title: title ? textContent(title) : '',
        chartClass: all('chart:chart')[0]!.attributes['chart:class']!,
        series: all('chart:series').map((s) => ({
          values: s.attributes['chart:values-cell-range-address']!,
          label: s.attributes['chart:label-cell-address']!,
          kind: s.attributes['chart:class']!,
          axis: s.attributes['chart:attached-axis'] ?? null,
          fill: fills.get(s.attributes['chart:style-name']!) ?? null,
        })),
        categories: all('chart:categories')[0]?.attributes['table:cell-range-address'] ?? '',
        table: rows,
      });
    }
    out.set(sheet.attributes['table:name']!, charts);
  }
  return out;
}

/** `'Synthèse'!$D$96:$D$104` (xlsx) and `Synthèse.D96:Synthèse.D104` (ods) to one form: `Synthèse!D96:D104`. */
function xlsxRange(ref: string): string {
  const m = /^'((?:[^']|'')+)'!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(ref)!;
  return `${m[1]!.replace(/''/g, "'")}!${m[2]}${m[3]}:${m[4] ?? m[2]}${m[5] ?? m[3]}`;
}
function odsRange(ref: string): string {
  const m = /^'?([^'.]+)'?\.\$?([A-Z]+)\$?(\d+)(?::'?[^'.]*'?\.?\$?([A-Z]+)\$?(\d+))?$/.exec(ref);
  if (!m) throw new Error(`not an ODF range: ${ref}`);
  return `${m[1]}!${m[2]}${m[3]}:${m[4] ?? m[2]}${m[5] ?? m[3]}`;
}

const strong = (band: keyof typeof RATE_COLOURS) => `#${RATE_COLOURS[band].strong.slice(2).toLowerCase()}`;

describe.each([
  ['the bundled examples, in French', 'fr' as const, [] as string[]],
  ['Bara not received, in English', 'en' as const, ['BAR']],
])('%s, converted by LibreOffice', (_name, lang, missing) => {
  const dir = path.join(tmp.dir, lang);
  const output = path.join(dir, `consolidation-${lang}.xlsx`);
  const L = LABELS[lang];
  let xlsxCharts: ChartData[];
  let converted: Map<string, OdsChart[]>;

  beforeAll(async () => {
    const input = path.join(dir, 'input');
    if (missing.length > 0) copyExamples(input, missing);
    const cli = await mergeCli([
      '--input',
      missing.length > 0 ? input : BUNDLED_EXAMPLES,
      '--output',
      output,
      '--lang',
      lang,
    ]);
    expect(cli.code).toBe(0);
    xlsxCharts = await chartsOfSheet(await openPackage(output), 'Synthèse');
    converted = await odsCharts(convertToOds(output, dir));
  }, 300_000);

  test('Synthèse holds the four charts, with their titles; Évolution its two, the other sheets none', () => {
    const synthese = converted.get('Synthèse')!;
    expect(synthese.map((c) => c.title)).toEqual([
      L.chartResults,
      L.chartCommunes,
      L.chartBudget,
      L.chartBeneficiaries,
    ]);
    expect(synthese.map((c) => c.chartClass)).toEqual(['chart:bar', 'chart:bar', 'chart:bar', 'chart:bar']);
    for (const [sheet, charts] of converted)
      if (sheet !== 'Synthèse') expect([sheet, charts.length]).toEqual([sheet, sheet === 'Évolution' ? 2 : 0]);
    expect([...converted.keys()]).toEqual([
      'Synthèse',
      'Prévu vs Réalisé',
      'Évolution',
      'Budget',
      'Bénéficiaires',
      'Données',
      'Contrôles',
      'Sources',
      'Textes longs',
    ]);
  });

  test('each imported series reads the Synthèse range the workbook names (values, name, categories)', () => {
    const synthese = converted.get('Synthèse')!;
    synthese.forEach((chart, i) => {
      const source = xlsxCharts[i]!;
      expect(chart.series.map((s) => [odsRange(s.values), odsRange(s.label)])).toEqual(
        source.series.map((s) => [xlsxRange(s.valRef), xlsxRange(s.nameRef!)]),
      );
      expect(odsRange(chart.categories)).toBe(xlsxRange(source.series[0]!.catRef));
      expect(chart.series.every((s) => s.values.startsWith('Synthèse.'))).toBe(true);
    });
  });

  test('rate charts: bars in the threshold colours, the 100 % target as a line; budget rate on the secondary axis', () => {
    const [results, communes, budget, beneficiaries] = converted.get('Synthèse')!;
    for (const chart of [results!, communes!]) {
      // Three bands, the target line, and the line that only carries the labels (0 % included).
      expect(chart.series.map((s) => s.kind)).toEqual([
        'chart:bar',
        'chart:bar',
        'chart:bar',
        'chart:line',
        'chart:line',
      ]);
      expect(chart.series.slice(0, 3).map((s) => s.fill)).toEqual([strong('good'), strong('fair'), strong('poor')]);
      // The target column: the good threshold on every row.
      expect(chart.table.map((row) => row.at(-2))).toEqual(chart.table.map(() => framework.thresholds.rateGood));
    }
    expect(budget!.series.map((s) => [s.kind, s.axis])).toEqual([
      ['chart:bar', 'primary-y'],
      ['chart:bar', 'primary-y'],
      ['chart:line', 'secondary-y'],
    ]);
    expect(beneficiaries!.series).toHaveLength(6);
  });

  test('the imported data: every received commune has its numbers; one not received is a gap, not 0', () => {
    const [, communes, , beneficiaries] = converted.get('Synthèse')!;
    for (const chart of [communes!, beneficiaries!]) {
      const labels = chart.table.map((row) => row[0]);
      expect(labels).toEqual(
        framework.communes.map((c) => (missing.includes(c.code) ? `${c.name} (${L.notReceived})` : c.name)),
      );
      for (const row of chart.table) {
        const isMissing = missing.some((code) => row[0] === `${communeName(code)} (${L.notReceived})`);
        const numbers = (chart === communes ? row.slice(1, 4) : row.slice(1)).filter(
          (v) => typeof v === 'number' && !Number.isNaN(v),
        );
        if (isMissing) expect([row[0], numbers]).toEqual([row[0], []]);
        else expect([row[0], numbers.length > 0]).toEqual([row[0], true]);
      }
    }
  });
});
