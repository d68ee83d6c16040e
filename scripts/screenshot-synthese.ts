/**
 * Regenerates docs/synthese.png, the README's picture of what a manager sees: the bundled examples are
 * consolidated (as `npm run merge` does), LibreOffice prints the workbook to PDF, and pdftoppm renders the
 * first printed page of Synthèse's charts (achievement by result and by commune), cropped under the charts.
 *
 *   npx tsx scripts/screenshot-synthese.ts [--out docs/synthese.png] [--dpi 170]
 *
 * Needs LibreOffice (`soffice`) and poppler-utils (`pdftoppm`, `pdftotext`). With the Carlito font
 * (`apt-get install fonts-crosextra-carlito`, metric-compatible with Calibri) LibreOffice lays the
 * columns out as Excel does; without it the picture is still made, with a warning.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { EXAMPLES_DIR } from '../pipeline/examples';
import { loadFrameworkFile } from '../pipeline/framework-file';
import { merge } from '../pipeline/merge/merge';

const ROOT = path.resolve(__dirname, '..');
/** A fixed « Consolidé le » date, so the picture only changes when the workbook does. */
const GENERATED_AT = new Date('2024-02-15T09:00:00Z');

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

function run(command: string, args: string[], timeout = 120_000): string {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout });
  if (result.error || result.status !== 0)
    throw new Error(`${command} a échoué : ${result.error?.message ?? result.stderr.trim()}`);
  return result.stdout;
}

/** The page of the first chart and the bottom (in PDF points) of its charts' texts, above the footer. */
function chartsPage(pdf: string, pageHeight: number): { page: number; bottom: number } {
  const pages = run('pdftotext', ['-bbox', pdf, '-']).split('<page ').slice(1);
  for (const [i, html] of pages.entries()) {
    const bottom = chartsBottom(html, pageHeight);
    if (bottom !== null) return { page: i + 1, bottom };
  }
  throw new Error('le titre du premier graphique est introuvable dans le PDF');
}

function chartsBottom(html: string, pageHeight: number): number | null {
  const words = [
    ...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g),
  ].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    bottom: Number(m[3]),
    text: m[4]!,
  }));
  // « Taux de réalisation par résultat attendu »: the first chart's title starts its column.
  const title = words.find(
    (w, i) => w.text === 'Taux' && words[i + 3]?.text === 'par' && words[i + 4]?.text === 'résultat',
  );
  if (!title) return null;
  const inCharts = words.filter((w) => w.x >= title.x - 60 && w.bottom < pageHeight * 0.9);
  return Math.max(...inCharts.map((w) => w.bottom));
}

async function main(): Promise<void> {
  const out = path.resolve(ROOT, option('--out', 'docs/synthese.png'));
  const dpi = Number(option('--dpi', '170'));
  if (!run('fc-list', [':family=Carlito']).trim())
    console.warn(
      'Attention : police Carlito absente (apt-get install fonts-crosextra-carlito) ; les colonnes seront plus larges que dans Excel.',
    );
  const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/lib/libreoffice/program/soffice'].find(existsSync);
  if (!soffice) throw new Error('LibreOffice est introuvable : apt-get install libreoffice-calc');

  const dir = mkdtempSync(path.join(os.tmpdir(), 'me-screenshot-'));
  const profile = mkdtempSync(path.join(os.tmpdir(), 'me-lo-profile-'));
  try {
    const workbook = path.join(dir, 'ensemble-gao_consolidation.xlsx');
    const result = await merge({
      input: EXAMPLES_DIR,
      output: workbook,
      framework: loadFrameworkFile(),
      lang: 'fr',
      now: GENERATED_AT,
    });
    if (result.exitCode !== 0 || !result.output)
      throw new Error(`la consolidation des exemples a échoué (code ${result.exitCode})`);

    run(soffice, [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--headless',
      '--norestore',
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      workbook,
    ]);
    const pdf = path.join(dir, 'ensemble-gao_consolidation.pdf');
    const size = /Page\s+1 size:\s+([\d.]+) x ([\d.]+) pts/.exec(run('pdfinfo', ['-f', '1', '-l', '1', pdf]));
    if (!size) throw new Error('taille de page illisible');
    const [width, height] = [Number(size[1]), Number(size[2])];
    const charts = chartsPage(pdf, height);
    const bottom = Math.min(height, charts.bottom + 14);
    const px = (pt: number) => Math.round((pt / 72) * dpi);
    const prefix = path.join(dir, 'synthese');
    run('pdftoppm', [
      '-png',
      '-r',
      String(dpi),
      '-f',
      String(charts.page),
      '-l',
      String(charts.page),
      '-singlefile',
      '-x',
      '0',
      '-y',
      '0',
      '-W',
      String(px(width)),
      '-H',
      String(px(bottom)),
      pdf,
      prefix,
    ]);
    mkdirSync(path.dirname(out), { recursive: true });
    copyFileSync(`${prefix}.png`, out);
    const bytes = readFileSync(out).length;
    console.log(`${path.relative(ROOT, out)} : ${px(width)} × ${px(bottom)} px, ${Math.round(bytes / 1024)} Kio`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
