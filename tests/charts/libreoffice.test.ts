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
import { chartsOfSheet, openPackage, type ChartData } from './helpers/package';

const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/lib/libreoffice/program/soffice'].find(existsSync);
const tmp = tempDir('charts-lo');
afterAll(() => tmp.remove());

/** `soffice --convert-to ods` with a throw-away profile; returns the .ods path. */
function convertToOds(file: string, outDir: string): string {
  if (!SOFFICE) throw new Error('LibreOffice est introuvable : installez-le avec « apt-get install libreoffice-calc ».');
  const profile = mkdtempSync(path.join(os.tmpdir(), 'me-lo-profile-'));
  try {
    const result = spawnSync(SOFFICE, [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--convert-to', 'ods', '--outdir', outDir, file], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    const ods = path.join(outDir, `${path.basename(file, '.xlsx')}.ods`);
    if (result.error || result.status !== 0 || !existsSync(ods)) throw new Error(`soffice failed: ${result.error?.message ?? ''} ${result.stderr} ${result.stdout}`);
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

const attr = (tag: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(tag)?.[1] ?? null;
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** Sheet name → the chart objects drawn on it, as LibreOffice wrote them. */
async function odsCharts(file: string): Promise<Map<string, OdsChart[]>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const content = await zip.file('content.xml')!.async('string');
  const starts = [...content.matchAll(/<table:table table:name="([^"]*)"/g)].map((m) => ({ name: unescape(m[1]!), at: m.index! }));
  const out = new Map<string, OdsChart[]>();
  for (const [i, sheet] of starts.entries()) {
    const segment = content.slice(sheet.at, starts[i + 1]?.at ?? content.length);
    const charts: OdsChart[] = [];
    for (const obj of segment.matchAll(/<draw:object\b[^>]*xlink:href="\.\/([^"]+)"/g)) {
      const xml = await zip.file(`${obj[1]}/content.xml`)!.async('string');
      const styles = new Map([...xml.matchAll(/<style:style style:name="([^"]+)"[^>]*>([\s\S]*?)<\/style:style>/g)].map((m) => [m[1]!, m[2]!]));
      const rows = [...(/<table:table-rows>([\s\S]*?)<\/table:table-rows>/.exec(xml)?.[1] ?? '').matchAll(/<table:table-row>([\s\S]*?)<\/table:table-row>/g)].map((row) =>
        [...row[1]!.matchAll(/<table:table-cell([^>]*)>(?:<text:p>([\s\S]*?)<\/text:p>)?/g)].map((c) => {
          const value = attr(c[1]!, 'office:value');
          return value !== null ? Number(value) : unescape(c[2] ?? '');
        }),
      );
      charts.push({
        title: unescape(/<chart:title[^>]*><text:p>([\s\S]*?)<\/text:p>/.exec(xml)?.[1] ?? ''),
        chartClass: attr(/<chart:chart [^>]*>/.exec(xml)![0], 'chart:class')!,
        series: [...xml.matchAll(/<chart:series [^>]*>/g)].map((s) => ({
          values: unescape(attr(s[0], 'chart:values-cell-range-address')!),
          label: unescape(attr(s[0], 'chart:label-cell-address')!),
          kind: attr(s[0], 'chart:class')!,
          axis: attr(s[0], 'chart:attached-axis'),
          fill: attr(styles.get(attr(s[0], 'chart:style-name')!) ?? '', 'draw:fill-color'),
        })),
        categories: unescape(attr(/<chart:categories [^>]*>/.exec(xml)?.[0] ?? '', 'table:cell-range-address') ?? ''),
        table: rows,
      });
    }
    out.set(sheet.name, charts);
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
    const cli = await mergeCli(['--input', missing.length > 0 ? input : BUNDLED_EXAMPLES, '--output', output, '--lang', lang]);
    expect(cli.code).toBe(0);
    xlsxCharts = await chartsOfSheet(await openPackage(output), 'Synthèse');
    converted = await odsCharts(convertToOds(output, dir));
  }, 300_000);

  test('Synthèse holds the four charts, with their titles; Évolution its two, the other sheets none', () => {
    const synthese = converted.get('Synthèse')!;
    expect(synthese.map((c) => c.title)).toEqual([L.chartResults, L.chartCommunes, L.chartBudget, L.chartBeneficiaries]);
    expect(synthese.map((c) => c.chartClass)).toEqual(['chart:bar', 'chart:bar', 'chart:bar', 'chart:bar']);
    for (const [sheet, charts] of converted) if (sheet !== 'Synthèse') expect([sheet, charts.length]).toEqual([sheet, sheet === 'Évolution' ? 2 : 0]);
    expect([...converted.keys()]).toEqual(['Synthèse', 'Prévu vs Réalisé', 'Évolution', 'Budget', 'Bénéficiaires', 'Données', 'Contrôles', 'Sources', 'Textes longs']);
  });

  test('each imported series reads the Synthèse range the workbook names (values, name, categories)', () => {
    const synthese = converted.get('Synthèse')!;
    synthese.forEach((chart, i) => {
      const source = xlsxCharts[i]!;
      expect(chart.series.map((s) => [odsRange(s.values), odsRange(s.label)])).toEqual(source.series.map((s) => [xlsxRange(s.valRef), xlsxRange(s.nameRef!)]));
      expect(odsRange(chart.categories)).toBe(xlsxRange(source.series[0]!.catRef));
      expect(chart.series.every((s) => s.values.startsWith('Synthèse.'))).toBe(true);
    });
  });

  test('rate charts: bars in the threshold colours, the 100 % target as a line; budget rate on the secondary axis', () => {
    const [results, communes, budget, beneficiaries] = converted.get('Synthèse')!;
    for (const chart of [results!, communes!]) {
      // Three bands, the target line, and the line that only carries the labels (0 % included).
      expect(chart.series.map((s) => s.kind)).toEqual(['chart:bar', 'chart:bar', 'chart:bar', 'chart:line', 'chart:line']);
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
      expect(labels).toEqual(framework.communes.map((c) => (missing.includes(c.code) ? `${c.name} (${L.notReceived})` : c.name)));
      for (const row of chart.table) {
        const isMissing = missing.some((code) => row[0] === `${communeName(code)} (${L.notReceived})`);
        const numbers = (chart === communes ? row.slice(1, 4) : row.slice(1)).filter((v) => typeof v === 'number' && !Number.isNaN(v));
        if (isMissing) expect([row[0], numbers]).toEqual([row[0], []]);
        else expect([row[0], numbers.length > 0]).toEqual([row[0], true]);
      }
    }
  });
});
