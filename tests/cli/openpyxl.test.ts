/**
 * Templates filled by another program: Python's openpyxl keeps the template's formulas but writes
 * them without cached values. Correct fills validate with exit 0; wrong ones with exit 1, naming the
 * file and each broken cell.
 *
 * Needs Debian's openpyxl for /usr/bin/python3 (apt-get install python3-openpyxl); CI installs it.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { severityLabel } from '../../core/messages';
import type { JsonReport } from '../../pipeline/cli/print-report';
import { run } from '../../pipeline/cli/validate';
import { loadFrameworkFile } from '../../pipeline/framework-file';
import { writeTemplates } from '../../pipeline/templates';
import { FIXTURES_DIR, sha256, tempDir } from '../fixtures/workbooks';
import { escapeRegExp, runCli } from './capture';

const PYTHON = '/usr/bin/python3';
const SCRIPT = path.join(FIXTURES_DIR, 'fill_with_openpyxl.py');

const framework = loadFrameworkFile();
const tmp = tempDir('openpyxl');
let templates: Map<string, string>;

beforeAll(async () => {
  const probe = spawnSync(PYTHON, ['-c', 'import openpyxl; print(openpyxl.__version__)'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0)
    throw new Error(
      `openpyxl est introuvable pour ${PYTHON} : installez-le avec « apt-get install python3-openpyxl ». ` +
        `(${probe.error?.message ?? probe.stderr.trim().split('\n').at(-1)})`,
    );
  // The 2023 templates, with the period's targets in Prévu (the script copies them into Réalisé).
  const files = await writeTemplates(framework, path.join(tmp.dir, 'modeles'), '2023');
  templates = new Map(framework.communes.map((c, i) => [c.code, files[i]!]));
  const of2024 = await writeTemplates(framework, path.join(tmp.dir, 'modeles-2024'), '2024');
  templates.set('SAL-2024', of2024[framework.communes.findIndex((c) => c.code === 'SAL')]!);
});
afterAll(() => tmp.remove());

/** Fills a template with openpyxl; returns the cells the script broke on purpose. */
function fillWithOpenpyxl(template: string, out: string, ...options: string[]): string[] {
  const before = sha256(template);
  const result = spawnSync(PYTHON, [SCRIPT, template, out, ...options], { encoding: 'utf8' });
  if (result.error || result.status !== 0)
    throw new Error(`fill_with_openpyxl.py failed: ${result.error?.message ?? result.stderr}`);
  expect(sha256(template)).toBe(before);
  return (JSON.parse(result.stdout) as { broken: string[] }).broken;
}

test.each(framework.communes.map((c) => [c.code] as const))(
  '%s: a correct openpyxl fill validates with exit 0',
  async (code) => {
    const out = path.join(tmp.dir, `${code}-openpyxl.xlsx`);
    expect(fillWithOpenpyxl(templates.get(code)!, out)).toEqual([]);
    const result = await runCli(run, [out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${out}\n  Aucun problème trouvé.\n`);
    const commune = framework.communes.find((c) => c.code === code)!;
    expect(result.stdout).toContain(
      `Bilan : valide – 0 erreur, 0 avertissement – commune ${commune.name} (${code}), période 2023 – 40/40 cellules remplies`,
    );
  },
);

test('a correct openpyxl fill for 2024 validates too', async () => {
  const out = path.join(tmp.dir, 'SAL-2024-openpyxl.xlsx');
  fillWithOpenpyxl(templates.get('SAL-2024')!, out, '--period', '2024');
  const result = await runCli(run, [out]);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('période 2024');
});

test('a wrong openpyxl fill exits 1, naming the file and each broken cell', async () => {
  const out = path.join(tmp.dir, 'GNZ-openpyxl-erreurs.xlsx');
  const broken = fillWithOpenpyxl(templates.get('GNZ')!, out, '--mistakes');
  expect(broken.length).toBeGreaterThanOrEqual(5);

  const text = await runCli(run, [out]);
  expect(text.code).toBe(1);
  expect(text.stderr).toBe('');
  expect(text.stdout.startsWith(`${out}\n`)).toBe(true);
  for (const cell of broken)
    expect(text.stdout).toMatch(new RegExp(`^    ${severityLabel('error', 'fr')} +${escapeRegExp(cell)} +\\S`, 'm'));
  expect(text.stdout).toContain(`Bilan : non valide – ${broken.length} erreurs, 0 avertissement`);

  // Exactly those cells, and nothing else.
  const json = await runCli(run, ['--json', out]);
  expect(json.code).toBe(1);
  const [entry] = (JSON.parse(json.stdout) as JsonReport).files;
  if (!entry || !('issues' in entry)) throw new Error('expected a report');
  expect(entry.issues.map((i) => `${i.sheet}!${i.address}`).sort()).toEqual([...broken].sort());
  expect(entry.issues.every((i) => i.severity === 'error')).toBe(true);
});

test('a correct and a wrong file together: exit 1, both reported', async () => {
  const good = path.join(tmp.dir, 'BAR-openpyxl.xlsx');
  const bad = path.join(tmp.dir, 'BAR-openpyxl-erreurs.xlsx');
  fillWithOpenpyxl(templates.get('BAR')!, good);
  fillWithOpenpyxl(templates.get('BAR')!, bad, '--mistakes');
  const result = await runCli(run, [good, bad]);
  expect(result.code).toBe(1);
  expect(result.stdout).toContain(`${good}\n  Aucun problème trouvé.`);
  expect(result.stdout).toContain(`${bad}\n`);
  expect(result.stdout).toContain('2 fichiers : 1 valide, 1 avec des erreurs, 0 inutilisable.');
});
