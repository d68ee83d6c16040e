/**
 * The examples `npm run examples` writes: the committed files are what it writes (the 2023 examples and the
 * quarterly example), and the quarterly example consolidates by quarter, by year and to date with no
 * spurious « below target », Bara's 2024-T4 shown as not received.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isReportingPeriod } from '../../core/framework/periods';
import type { Line } from '../../core/consolidate/model';
import { run as examplesCli } from '../../pipeline/cli/examples';
import { EXAMPLES_DIR, QUARTERLY_DIR } from '../../pipeline/examples';
import { loadFrameworkFile } from '../../pipeline/framework-file';
import { merge } from '../../pipeline/merge/merge';
import { readWorkbookFile } from '../../pipeline/read/xlsx';
import { runCli } from '../cli/capture';
import { mergeCli, tempDir } from '../helpers/merge-fixtures';

const QUARTERLY_INPUT = path.join(QUARTERLY_DIR, 'exemples');
const QUARTERLY_FRAMEWORK = path.join(QUARTERLY_DIR, 'framework.json');
const xlsx = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.xlsx'))
    .sort();

let temp: ReturnType<typeof tempDir>;
beforeAll(() => (temp = tempDir('quarterly')));
afterAll(() => temp.remove());

describe('npm run examples', () => {
  let fresh: { examples: string; quarterly: string };
  beforeAll(async () => {
    fresh = { examples: path.join(temp.dir, 'exemples'), quarterly: path.join(temp.dir, 'trimestriel') };
    const cli = await runCli(examplesCli, ['--out', fresh.examples, '--quarterly-out', fresh.quarterly]);
    expect(cli).toMatchObject({ code: 0, stderr: '' });
  }, 120_000);

  it('writes the committed quarterly framework, byte for byte, and it loads', () => {
    expect(readFileSync(path.join(fresh.quarterly, 'framework.json'), 'utf8')).toBe(
      readFileSync(QUARTERLY_FRAMEWORK, 'utf8'),
    );
    const fw = loadFrameworkFile(QUARTERLY_FRAMEWORK);
    expect(fw.id).toBe('ensemble-gao-trimestriel');
    expect(fw.$comment).toMatch(/valeurs de travail illustratives/);
    expect(fw.periods.map((p) => [p.label, p.within ?? null])).toEqual([
      ['2024', null],
      ['2024-T1', '2024'],
      ['2024-T2', '2024'],
      ['2024-T3', '2024'],
      ['2024-T4', '2024'],
    ]);
  });

  it.each([
    ['the 2023 examples', () => EXAMPLES_DIR, () => fresh.examples],
    ['the quarterly examples', () => QUARTERLY_INPUT, () => path.join(fresh.quarterly, 'exemples')],
  ])('writes %s as committed (same files, same cells)', async (_, committed, written) => {
    expect(xlsx(written())).toEqual(xlsx(committed()));
    for (const file of xlsx(committed()))
      expect(await readWorkbookFile(path.join(written(), file))).toEqual(
        await readWorkbookFile(path.join(committed(), file)),
      );
  });

  it('writes four communes × four quarters but Bara’s 2024-T4, each from its period template', async () => {
    const files = xlsx(QUARTERLY_INPUT);
    expect(files).toHaveLength(15);
    expect(files.some((f) => f.includes('_BAR_') && f.includes('2024-T4'))).toBe(false);
    const tables = await readWorkbookFile(
      path.join(QUARTERLY_INPUT, 'ensemble-gao-trimestriel_GNZ_Gounzoureye_2024-T2.xlsx'),
    );
    const meta = tables.sheets.find((s) => s.name === '_meta')!;
    expect(meta.rows.map((r) => r.map((c) => c.value))).toContainEqual(['period', '2024-T2']);
  });
});

describe('the quarterly example consolidated', () => {
  const fw = loadFrameworkFile(QUARTERLY_FRAMEWORK);

  it.each([
    ['2024-T2', 'Toutes les communes ont envoyé leur fichier pour chaque période (2024-T2).'],
    ['2024', 'Non reçu : Bara : 2024-T4 non reçu.'],
    [null, 'Non reçu : Bara : 2024-T4 non reçu.'],
  ])(
    '--period %s: every file accepted without a warning, nothing below its target',
    async (period, reception) => {
      const output = path.join(temp.dir, `consolidation-${period ?? 'tout'}.xlsx`);
      const cli = await mergeCli([
        '--framework',
        QUARTERLY_FRAMEWORK,
        '--input',
        QUARTERLY_INPUT,
        '--output',
        output,
        ...(period ? ['--period', period] : []),
      ]);
      const console = `${cli.stdout}${cli.stderr}`;
      expect(cli.code).toBe(0);
      expect(console).toContain(reception);
      expect(console).not.toMatch(/avertissement|prévus \(\d+ %\)|Expliquez l’écart/i);

      const result = await merge({
        input: QUARTERLY_INPUT,
        output: path.join(temp.dir, 'api.xlsx'),
        framework: fw,
        lang: 'fr',
        ...(period ? { period } : {}),
        workers: 1,
      });
      expect(result.issues.filter((i) => i.severity !== 'info')).toEqual([]);
      const lines: Line<{ code: string }>[] = [...result.model!.indicators, ...result.model!.beneficiaries];
      for (const line of lines) {
        for (const [commune, figures] of Object.entries(line.communes)) {
          if (figures.achieved === null) continue;
          expect(figures.planned).not.toBeNull();
          // At or above the period's own target, and under the over-achievement threshold.
          expect({ code: line.item.code, commune, ok: figures.achieved >= figures.planned! }).toEqual({
            code: line.item.code,
            commune,
            ok: true,
          });
          expect(figures.achieved).toBeLessThanOrEqual(Math.max(figures.planned! * fw.thresholds.overAchievement, 0));
        }
      }
      // Some variety above the target, as a real report would show.
      expect(
        lines.some((l) => Object.values(l.communes).some((f) => f.achieved !== null && f.achieved > f.planned!)),
      ).toBe(true);
    },
    120_000,
  );

  it('cumulative indicators (max, latest) never go down from one quarter to the next', async () => {
    const result = await merge({
      input: QUARTERLY_INPUT,
      output: path.join(temp.dir, 'evolution.xlsx'),
      framework: fw,
      lang: 'fr',
      workers: 1,
    });
    const cumulative = [...result.model!.indicators, ...result.model!.beneficiaries].filter(
      (l) => l.item.aggregation.periods !== 'sum',
    );
    expect(cumulative.length).toBeGreaterThan(0);
    for (const line of cumulative)
      for (const [commune, points] of Object.entries(line.evolution.communes)) {
        const achieved = points
          .filter((p) => isReportingPeriod(fw.periods, p.period) && p.achieved !== null)
          .map((p) => p.achieved!);
        expect({ code: line.item.code, commune, achieved }).toEqual({
          code: line.item.code,
          commune,
          achieved: [...achieved].sort((a, b) => a - b),
        });
      }
  }, 120_000);
});
