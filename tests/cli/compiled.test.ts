/**
 * The compiled commands (webpack.cli.config.js → build/cli/): built into a temporary folder that holds only the
 * bundle and templates/, far from node_modules, and run with plain node. They merge, run their worker threads
 * (the merge's pool and the exceljs fallback), and warn a developer whose build is older than the sources.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { run as validate } from '../../pipeline/cli/validate';
import { tempDir } from '../fixtures/workbooks';
import { runCli } from './capture';

const REPO = path.resolve(__dirname, '..', '..');
const tmp = tempDir('compiled-cli');
const root = path.join(tmp.dir, 'kit');
const cli = (name: string) => path.join(root, 'build', 'cli', `${name}.js`);

function run(name: string, args: string[]) {
  const result = spawnSync(process.execPath, [cli(name), ...args], {
    cwd: tmp.dir,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  const built = spawnSync(
    process.execPath,
    [
      path.join(REPO, 'node_modules', 'webpack', 'bin', 'webpack.js'),
      '--config',
      path.join(REPO, 'webpack.cli.config.js'),
      '--env',
      `outputPath=${path.join(root, 'build', 'cli')}`,
    ],
    { cwd: REPO, encoding: 'utf8' },
  );
  if (built.status !== 0) throw new Error(`webpack failed: ${built.stdout}${built.stderr}`);
  symlinkSync(path.join(REPO, 'templates'), path.join(root, 'templates'));
}, 120_000);
afterAll(() => tmp.remove());

test('the package scripts run the compiled files with node, and the build makes each of them', () => {
  const scripts = (
    JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  ).scripts;
  for (const name of ['merge', 'validate', 'templates', 'examples']) {
    expect(scripts[name]).toBe(`node build/cli/${name}.js`);
    expect(statSync(cli(name)).isFile()).toBe(true);
  }
  expect(scripts.prepare).toBe('node scripts/prepare.cjs');
});

test('npm ci --omit=dev still installs: without the build tools, prepare says so in one line and succeeds', () => {
  // A copy of the script where no node_modules can be found: webpack does not resolve.
  const alone = mkdtempSync(path.join(tmpdir(), 'prepare-'));
  copyFileSync(path.join(REPO, 'scripts', 'prepare.cjs'), path.join(alone, 'prepare.cjs'));
  const result = spawnSync(process.execPath, [path.join(alone, 'prepare.cjs')], { cwd: alone, encoding: 'utf8' });
  rmSync(alone, { recursive: true, force: true });
  expect(result.status).toBe(0);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(/^Outils de développement absents \(npm ci --omit=dev\) : commandes non compilées\./);
});

test('merge consolidates the bundled examples by default, next to the bundle, and says nothing on stderr', () => {
  const result = run('merge', []);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/4 fichier\(s\) : 4 accepté\(s\)/);
  const out = readdirSync(path.join(root, 'out'));
  expect(out).toEqual(['ensemble-gao_consolidation.xlsx']);
});

test('merge on worker threads reads the quarterly examples', () => {
  const result = run('merge', [
    '--workers',
    '2',
    '--input',
    path.join(root, 'templates', 'trimestriel', 'exemples'),
    '--framework',
    path.join(root, 'templates', 'trimestriel', 'framework.json'),
    '--output',
    path.join(tmp.dir, 'q.xlsx'),
    '--json',
  ]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect((JSON.parse(result.stdout) as { sources: unknown[] }).sources).toHaveLength(15);
});

test('validate reads a workbook the fast reader declines on the exceljs thread, as the sources do', async () => {
  const original = path.join(root, 'templates', 'exemples', 'ensemble-gao_BAR_Bara_2023.xlsx');
  const zip = await JSZip.loadAsync(readFileSync(original));
  const xml = await zip.file('xl/worksheets/sheet2.xml')!.async('string');
  // An element the fast reader does not know inside a cell: the workbook goes to exceljs (which then misses columns).
  const changed = xml.replace(/<c ([^>]*)><v>/, '<c $1><extLst/><v>');
  expect(changed).not.toBe(xml);
  zip.file('xl/worksheets/sheet2.xml', changed);
  const declined = path.join(tmp.dir, 'bara-exceljs.xlsx');
  writeFileSync(declined, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));

  const compiled = run('validate', [declined]);
  const sources = await runCli(validate, [declined]);
  expect(compiled.stderr).toBe('');
  expect(compiled.code).toBe(1);
  expect(compiled.stdout).toMatch(/Bilan : non valide/);
  expect({ code: compiled.code, stdout: compiled.stdout }).toEqual({ code: sources.code, stdout: sources.stdout });
});

test('templates writes the four commune templates', () => {
  const out = path.join(tmp.dir, 'modeles');
  const result = run('templates', ['--out', out]);
  expect(result.code).toBe(0);
  expect(readdirSync(out).filter((f) => f.endsWith('.xlsx'))).toHaveLength(4);
});

test('a source changed after the build: one line on stderr says to rebuild; the command still runs', () => {
  const source = path.join(root, 'pipeline', 'cli', 'merge.ts');
  mkdirSync(path.dirname(source), { recursive: true });
  cpSync(path.join(REPO, 'pipeline', 'cli', 'merge.ts'), source);
  const later = new Date(Date.now() + 60_000);
  utimesSync(source, later, later);
  const result = run('merge', ['--help']);
  expect(result.code).toBe(0);
  expect(result.stderr).toBe(
    'Attention : pipeline/cli/merge.ts a changé depuis la compilation des commandes ; lancez npm run build:cli\n',
  );
  const english = run('validate', ['--lang', 'en', '--help']);
  expect(english.stderr).toBe(
    'Warning: pipeline/cli/merge.ts changed since the commands were compiled; run npm run build:cli\n',
  );
});
