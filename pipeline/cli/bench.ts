import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { TEMPLATE_VERSION } from '../../core/layout/contract';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import path from 'node:path';
import { parseFramework } from '../../core/framework/load';
import { planTemplate } from '../../core/layout/plan';
import { planToTables } from '../../core/layout/plan-tables';
import { inputCells } from '../../core/layout/plan';
import { validate } from '../../core/validate';
import { generateInputs, syntheticFill } from '../bench/generate';
import { floorScan } from '../bench/floor';
import { random, syntheticFramework } from '../bench/synthetic';
import { EXAMPLES_DIR } from '../examples';
import { loadFrameworkFile } from '../framework-file';
import { EXIT, program, reportFailure, runAsMain } from './common';
import type { Cell } from '../../core/tables';
import { a1 } from '../../core/tables';

const ROOT = path.resolve(__dirname, '..', '..');
const CACHE = path.join(ROOT, '.bench');

interface Row {
  what: string;
  files: number;
  mb: number | null;
  seconds: number;
  rssMb: number | null;
  ratio?: number;
}

function runMerge(args: string[]): Promise<{ seconds: number; rssMb: number; code: number }> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(
      process.execPath,
      ['--require', require.resolve('tsx/cjs'), path.join(__dirname, '..', 'bench', 'child.ts'), ...args],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const line = stderr
        .split('\n')
        .reverse()
        .find((l) => l.startsWith('BENCH '));
      if (!line) {
        reject(new Error(`merge failed: ${stderr.split('\n').slice(-3).join(' ')}`));
        return;
      }
      const { code, maxRssKb } = JSON.parse(line.slice(6)) as { code: number; maxRssKb: number };
      resolve({ seconds, rssMb: maxRssKb / 1024, code });
    });
  });
}

/** Wall time of a command in a process of its own, median of `runs` (start-up dominates small runs). */
function medianRun(args: string[], runs = 5): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { stdio: 'ignore', cwd: ROOT });
    if (result.status !== 0) throw new Error(`${args.join(' ')} a échoué (code ${result.status})`);
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

/** Start-up of the compiled commands as users run them (node build/cli/…), and of the sources through tsx. */
function startupRows(): Row[] {
  const compiled = (name: string) => path.join(ROOT, 'build', 'cli', `${name}.js`);
  if (!existsSync(compiled('merge')) || !existsSync(compiled('validate')))
    throw new Error('commandes compilées absentes : lancez npm run build:cli');
  const example = path.join(EXAMPLES_DIR, 'ensemble-gao_BAR_Bara_2023.xlsx');
  const tsx = require.resolve('tsx/cli');
  const row = (what: string, files: number, seconds: number): Row => ({ what, files, mb: null, seconds, rssMb: null });
  return [
    row('démarrage : merge --help, compilé (node)', 0, medianRun([compiled('merge'), '--help'])),
    row('démarrage : merge --help, sources (tsx)', 0, medianRun([tsx, path.join(__dirname, 'merge.ts'), '--help'])),
    row('validate d’un classeur, compilé (node)', 1, medianRun([compiled('validate'), example])),
    row('validate d’un classeur, sources (tsx)', 1, medianRun([tsx, path.join(__dirname, 'validate.ts'), example])),
  ];
}

/** The validator core alone on one very large workbook, as the add-in calls it. */
function validatorOnLargeWorkbook(rows: number): { seconds: number; issues: number } {
  const seed = loadFrameworkFile();
  const framework = parseFramework(syntheticFramework(seed, 4, rows - seed.indicators.length));
  const code = framework.communes[0]!.code;
  const plan = planTemplate(framework, code);
  const cells = inputCells(plan);
  const overrides = new Map<string, Cell>();
  for (const [key, value] of Object.entries(syntheticFill(framework, code, 0, random(7), null))) {
    const target = cells.get(key);
    if (!target || value === null) continue;
    const cell: Cell =
      value instanceof Date
        ? { kind: 'date', value: value.toISOString().slice(0, 10) }
        : typeof value === 'number'
          ? { kind: 'number', value }
          : { kind: 'string', value };
    overrides.set(`${target.sheet.name}!${a1(target.cell.row, target.cell.column)}`, cell);
  }
  const tables = planToTables(plan, overrides);
  validate(tables, framework); // warm-up
  const times: number[] = [];
  let issues = 0;
  for (let i = 0; i < 5; i++) {
    const start = process.hrtime.bigint();
    issues = validate(tables, framework).issues.length;
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  times.sort((a, b) => a - b);
  return { seconds: times[2]!, issues };
}

function sha(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12);
}

/** `npm run bench [-- --quick]`: national-scale figures, printed, never asserted. */
export async function run(argv: string[]): Promise<number> {
  try {
    const cli = program('bench', 'Mesure la consolidation à l’échelle nationale (703 communes × 4 trimestres).')
      .option('--quick', '200 classeurs au lieu de 2 812')
      .option('--files <n>', 'nombre de classeurs')
      .parse(argv, { from: 'user' });
    const options = cli.opts<{ quick?: boolean; files?: string }>();
    const count = options.files ? Number(options.files) : options.quick ? 200 : 2812;
    const framework = parseFramework(syntheticFramework(loadFrameworkFile(), 703));
    // Inputs are kept between runs, per framework and template version: a change of either makes new ones
    // (last version's files would all be refused, and the figures would measure nothing).
    const stamp = createHash('sha256')
      .update(`${TEMPLATE_VERSION}\u0000${JSON.stringify(framework)}`)
      .digest('hex')
      .slice(0, 8);
    const dir = path.join(CACHE, `inputs-${framework.communes.length}-${stamp}`);
    const frameworkFile = path.join(CACHE, 'framework-national.json');
    await fs.mkdir(CACHE, { recursive: true });
    await fs.writeFile(frameworkFile, JSON.stringify(framework));
    process.stderr.write(
      `Préparation de ${count} classeurs dans ${path.relative(ROOT, dir)} (gardés entre deux mesures)…\n`,
    );
    const started = Date.now();
    const written = await generateInputs(
      framework,
      dir,
      count,
      (n) => n % 250 === 0 && process.stderr.write(`  ${n} écrits\n`),
    );
    if (written > 0)
      process.stderr.write(`  ${written} classeurs écrits en ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    const all = (await fs.readdir(dir)).filter((f) => f.endsWith('.xlsx')).sort();
    const names = all.slice(0, count);
    const inputDir = path.join(CACHE, `run-${count}`);
    await fs.rm(inputDir, { recursive: true, force: true });
    await fs.mkdir(inputDir, { recursive: true });
    for (const name of names)
      await fs
        .link(path.join(dir, name), path.join(inputDir, name))
        .catch(() => fs.copyFile(path.join(dir, name), path.join(inputDir, name)));
    const files = names.map((n) => path.join(inputDir, n));
    const bytes = (await Promise.all(files.map((f) => fs.stat(f)))).reduce((a, s) => a + s.size, 0);
    const mb = bytes / 1048576;

    process.stderr.write('Plancher : dézipper et parcourir le XML…\n');
    await floorScan(files); // warm the file cache, as for every other measure
    // The median of three: the floor divides every ratio, so it must not catch a noisy moment.
    const floors: number[] = [];
    for (let i = 0; i < 3; i++) {
      const start = process.hrtime.bigint();
      await floorScan(files);
      floors.push(Number(process.hrtime.bigint() - start) / 1e9);
    }
    const floor = floors.sort((a, b) => a - b)[1]!;

    const rows: Row[] = [
      {
        what: 'plancher : dézipper + parcourir le XML',
        files: files.length,
        mb,
        seconds: floor,
        rssMb: null,
        ratio: 1,
      },
    ];
    const outputs: Record<string, string> = {};
    for (const workers of [availableParallelism(), 1]) {
      process.stderr.write(`Consolidation complète, ${workers} fil(s)…\n`);
      const out = path.join(CACHE, `out-${workers}.xlsx`);
      const csv = path.join(CACHE, `out-${workers}.csv`);
      const result = await runMerge([
        '--input',
        inputDir,
        '--output',
        out,
        '--csv',
        csv,
        '--framework',
        frameworkFile,
        '--workers',
        String(workers),
      ]);
      // 0, or 1 for the few files with a deliberate error; anything else wrote nothing worth timing.
      if (result.code > 1)
        throw new Error(`la consolidation a échoué (code ${result.code}) : les chiffres ne mesureraient rien`);
      rows.push({
        what: `consolidation complète (${workers} fil${workers > 1 ? 's' : ''})`,
        files: files.length,
        mb,
        seconds: result.seconds,
        rssMb: result.rssMb,
        ratio: result.seconds / floor,
      });
      outputs[workers] = sha(csv);
    }
    const validator = validatorOnLargeWorkbook(5000);
    rows.push({
      what: `validateur seul, 5 000 lignes d’indicateurs (${validator.issues} problèmes)`,
      files: 1,
      mb: null,
      seconds: validator.seconds,
      rssMb: null,
    });

    process.stderr.write('Démarrage des commandes (médiane de 5)…\n');
    rows.push(...startupRows());

    const fmt = (v: number | null | undefined, d = 2) => (v === null || v === undefined ? '–' : v.toFixed(d));
    const lines = [
      `Machine : ${cpus().length} cœurs (${cpus()[0]?.model.trim() ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} Gio, Node ${process.version}`,
      '',
      '| Mesure | Fichiers | Entrées (Mo) | Secondes | Fichiers/s | Ratio / plancher | RSS max (Mo) |',
      '|---|---:|---:|---:|---:|---:|---:|',
      ...rows.map(
        (r) =>
          `| ${r.what} | ${r.files} | ${fmt(r.mb, 1)} | ${fmt(r.seconds)} | ${fmt(r.files > 0 ? r.files / r.seconds : null, 0)} | ${fmt(r.ratio, 1)} | ${fmt(r.rssMb, 0)} |`,
      ),
      '',
      `Sortie identique en parallèle et en séquentiel (table Données, SHA-256) : ${Object.values(outputs).every((h) => h === Object.values(outputs)[0]) ? 'oui' : 'NON'} (${Object.values(outputs).join(' / ')})`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    return EXIT.ok;
  } catch (err) {
    return reportFailure(err);
  }
}

runAsMain(module, run);
