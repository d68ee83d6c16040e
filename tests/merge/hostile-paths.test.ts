/**
 * Hostile files and paths (issue 10): write errors surface (exit 2, French message, no temporary file,
 * no stale output left looking current), inputs are never overwritten, the output stays valid XML,
 * the console cannot be forged, and nothing is dropped silently.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { merge } from '../../pipeline/merge/merge';
import { run as validate } from '../../pipeline/cli/validate';
import { runCli } from '../cli/capture';
import { controlLines } from '../../pipeline/write/consolidated/controls';
import { CELL_TEXT_MAX } from '../../pipeline/write/consolidated/style';
import { PARAGRAPH_MAX } from '../../pipeline/write/consolidated/synthesis';
import type { FileIssue } from '../../core/consolidate/model';
import {
  bundledExample,
  copyExamples,
  csvText,
  fillFor,
  framework,
  hashFolder,
  mergeCli,
  mergeJson,
  readWorkbook,
  records,
  sheet,
  tempDir,
  tidyRowsOf,
  writeCommune,
} from '../helpers/merge-fixtures';

const PYTHON = '/usr/bin/python3';
/** Opens the workbook with openpyxl and prints every text; throws on a workbook it refuses. */
function openpyxlTexts(file: string): string {
  const py = spawnSync(
    PYTHON,
    [
      '-c',
      'import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\nprint("\\n".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None))',
      file,
    ],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    },
  );
  if (py.status !== 0) throw new Error(`openpyxl refuse ${file} : ${py.stderr}`);
  return py.stdout;
}

/** Each sheet's texts by address (openpyxl reading), in tab order, and the tallest row height set. */
function openpyxlCells(file: string): { sheets: Record<string, Record<string, string>>; maxHeight: number } {
  const script = [
    'import sys, json, openpyxl',
    'wb = openpyxl.load_workbook(sys.argv[1])',
    'sheets = {ws.title: {c.coordinate: c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)} for ws in wb}',
    'heights = [d.height for ws in wb for d in ws.row_dimensions.values() if d.height is not None]',
    'print(json.dumps({"sheets": sheets, "maxHeight": max(heights or [0])}))',
  ].join('\n');
  const py = spawnSync(PYTHON, ['-c', script, file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (py.status !== 0) throw new Error(`openpyxl refuse ${file} : ${py.stderr}`);
  return JSON.parse(py.stdout) as { sheets: Record<string, Record<string, string>>; maxHeight: number };
}

const tmp = tempDir('hostile');
afterAll(() => tmp.remove());
let n = 0;
const fresh = (): string => {
  const dir = path.join(tmp.dir, `case${++n}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};
const leftovers = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

describe('write errors are never swallowed', () => {
  test('an output folder that cannot be written (/proc) ends in exit 2 with a French reason', async () => {
    const dir = fresh();
    copyExamples(path.join(dir, 'in'));
    const cli = await mergeCli(['--input', path.join(dir, 'in'), '--output', '/proc/self/consolidation.xlsx']);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/^Erreur : écriture impossible de \/proc\/self\/consolidation\.xlsx : .*--output/m);
    expect(cli.stdout).not.toMatch(/Classeur consolidé :/);
  });

  test('an output folder whose parent is a file: exit 2, nothing left behind', async () => {
    const dir = fresh();
    copyExamples(path.join(dir, 'in'));
    writeFileSync(path.join(dir, 'fichier'), 'x');
    const cli = await mergeCli(['--input', path.join(dir, 'in'), '--output', path.join(dir, 'fichier', 'out.xlsx')]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/écriture impossible .*dossier de sortie n’existe pas/);
    expect(leftovers(dir)).toEqual([]);
  });

  test('a full disk mid-write: exit 2, no temporary file, last month’s output and CSV removed', async () => {
    const dir = fresh();
    copyExamples(path.join(dir, 'in'));
    const output = path.join(dir, 'out', 'consolidation.xlsx');
    const csv = path.join(dir, 'out', 'donnees.csv');
    mkdirSync(path.dirname(output));
    writeFileSync(output, 'le classeur du mois dernier');
    writeFileSync(csv, 'la table du mois dernier');
    let written = 0;
    const full = () =>
      new Writable({
        write(chunk: Buffer, _enc, done) {
          written += chunk.length;
          if (written > 20000)
            done(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
          else done();
        },
      });
    const result = await merge({
      input: path.join(dir, 'in'),
      output,
      csv,
      framework,
      lang: 'fr',
      io: { openStream: full },
    });
    expect(result.exitCode).toBe(2);
    expect(result.problem).toMatchObject({ id: 'writeFailed', params: { why: 'diskFull', stale: 'removed' } });
    expect(existsSync(output)).toBe(false);
    expect(existsSync(csv)).toBe(false);
    expect(leftovers(path.dirname(output))).toEqual([]);
  });

  test('a --csv that cannot be written after the workbook: exit 2, the workbook kept and named', async () => {
    const dir = fresh();
    copyExamples(path.join(dir, 'in'));
    writeFileSync(path.join(dir, 'fichier'), 'x');
    const output = path.join(dir, 'out.xlsx');
    const cli = await mergeCli([
      '--input',
      path.join(dir, 'in'),
      '--output',
      output,
      '--csv',
      path.join(dir, 'fichier', 'donnees.csv'),
    ]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/écriture impossible de .*donnees\.csv/);
    expect(cli.stdout).toContain(`Classeur consolidé : ${output}`);
    expect(existsSync(output)).toBe(true);
  });

  test('a failure when the finished package is written (full disk at the end) is reported too', async () => {
    const dir = fresh();
    copyExamples(path.join(dir, 'in'));
    const output = path.join(dir, 'consolidation.xlsx');
    const failing = () => Promise.reject(Object.assign(new Error('EDQUOT'), { code: 'EDQUOT' }));
    const result = await merge({
      input: path.join(dir, 'in'),
      output,
      framework,
      lang: 'fr',
      io: { writeFile: failing },
    });
    expect(result.exitCode).toBe(2);
    expect(result.problem?.id).toBe('writeFailed');
    expect(readdirSync(dir).filter((f) => f !== 'in')).toEqual([]);
  });
});

describe('inputs are never overwritten', () => {
  test('--output through a symlinked folder naming a field file is refused; the file is untouched', async () => {
    const dir = fresh();
    const input = path.join(dir, 'in');
    copyExamples(input);
    symlinkSync(input, path.join(dir, 'lien'));
    const before = hashFolder(input);
    const victim = readdirSync(input)[0]!;
    const cli = await mergeCli(['--input', input, '--output', path.join(dir, 'lien', victim)]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/serait écrit sur une entrée/);
    expect(hashFolder(input)).toEqual(before);
  });

  test('a symlinked --input with --output naming a field file by its real path is refused', async () => {
    const dir = fresh();
    const input = path.join(dir, 'in');
    copyExamples(input);
    symlinkSync(input, path.join(dir, 'lien'));
    const before = hashFolder(input);
    const cli = await mergeCli([
      '--input',
      path.join(dir, 'lien'),
      '--output',
      path.join(input, readdirSync(input)[1]!),
    ]);
    expect(cli.code).toBe(2);
    expect(hashFolder(input)).toEqual(before);
  });

  test('an output differing from a field file only by letter case is refused (case-insensitive disks)', async () => {
    const dir = fresh();
    const input = path.join(dir, 'in');
    copyExamples(input);
    const cli = await mergeCli([
      '--input',
      input,
      '--output',
      path.join(
        input,
        readdirSync(input)[0]!
          .toUpperCase()
          .replace(/\.XLSX$/, '.xlsx'),
      ),
    ]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/serait écrit sur une entrée/);
  });

  test('--csv refuses a special file, a symlink it would replace, and the --output path itself', async () => {
    const dir = fresh();
    const input = path.join(dir, 'in');
    copyExamples(input);
    const output = path.join(dir, 'out.xlsx');
    // A FIFO made here, never /dev/null: the unfixed code renames its temporary file over the target.
    const fifo = path.join(dir, 'tube.csv');
    execFileSync('mkfifo', [fifo]);
    const special = await mergeCli(['--input', input, '--output', output, '--csv', fifo]);
    expect(special.code).toBe(2);
    expect(special.stderr).toMatch(/tube\.csv n’est pas un fichier ordinaire \(tube nommé \(FIFO\)\)/);
    const target = path.join(dir, 'garder.csv');
    writeFileSync(target, 'à garder');
    symlinkSync(target, path.join(dir, 'lien.csv'));
    const link = await mergeCli(['--input', input, '--output', output, '--csv', path.join(dir, 'lien.csv')]);
    expect(link.code).toBe(2);
    expect(link.stderr).toMatch(/lien symbolique/);
    const same = await mergeCli(['--input', input, '--output', output, '--csv', output]);
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/--csv et --output désignent le même fichier/);
    expect(existsSync(output)).toBe(false);
  });
});

describe('the output is always valid', () => {
  test('characters XML forbids in comments and file names: openpyxl and LibreOffice open the workbook', async () => {
    const dir = fresh();
    const input = path.join(dir, 'in');
    copyExamples(input, ['BAR']);
    const hostile = 'Retard _xFFFF_ puis \uFFFF et \uFFFE, \u0001 fin';
    await writeCommune(input, 'BAR', {
      name: 'Bara _xFFFF_ _x0041_ 2023.xlsx',
      fill: { 'indicators:R4.3.1:comment': hostile },
    });
    const output = path.join(dir, 'out.xlsx');
    const cli = await mergeCli(['--input', input, '--output', output]);
    expect(cli.stderr).toBe('');
    const texts = openpyxlTexts(output);
    // The comment's `_xFFFF_` is an escape in the commune's file (U+FFFF, as Excel reads it): removed
    // with the other forbidden characters. A file name is shown as written, look-alikes included.
    expect(texts).toContain('Retard  puis  et ,  fin');
    expect(texts).toContain('Bara _xFFFF_ _x0041_ 2023.xlsx');
    const csv = execFileSync(
      'libreoffice',
      [
        '--headless',
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false,false,-1',
        '--outdir',
        dir,
        output,
      ],
      { encoding: 'utf8', timeout: 120000 },
    );
    expect(csv).toMatch(/convert/);
    const sources = readdirSync(dir).find((f) => f.includes('Sources') && f.endsWith('.csv'));
    expect(sources).toBeDefined();
    expect(readFileSync(path.join(dir, sources!), 'utf8')).toContain('Bara _xFFFF_ _x0041_ 2023.xlsx');
  }, 180000);

  test('a bad CSV of 3 000 lines with hostile commune names: Contrôles capped per file, the workbook opens', async () => {
    const dir = fresh();
    const input = path.join(dir, 'in');
    copyExamples(input);
    const [header, ...rows] = tidyRowsOf('BAR', '2024', fillFor('BAR', '2024'));
    const bad: string[][] = [];
    for (let i = 0; bad.length < 3000; i++)
      bad.push([...rows[i % rows.length]!].map((v, c) => (c === 1 ? `Gao\uFFFF\u0007 _xFFFE_ ${i}` : v)));
    writeFileSync(path.join(input, 'kobo.csv'), csvText([header!, ...bad]));
    const output = path.join(dir, 'out.xlsx');
    const cli = await mergeCli(['--input', input, '--output', output]);
    expect(cli.code).toBe(1);
    const wb = await readWorkbook(output);
    const controls = sheet(wb, 'Contrôles');
    const fromCsv = records(controls, 1).filter((r) => r.value('Fichier') === 'kobo.csv');
    expect(fromCsv).toHaveLength(1001);
    expect(String(fromCsv.at(-1)!.value('Message'))).toMatch(
      /^… et 2\s000 autre\(s\) problème\(s\) dans ce fichier \(2\s000 erreur\(s\), 0 avertissement\(s\)\)/,
    );
    const texts = openpyxlTexts(output);
    expect(texts).toContain('« Gao _xFFFE_ 0 »');
    // The console is capped the same way.
    expect(cli.stdout.split('\n').filter((l) => /^\s+Erreur\b/.test(l))).toHaveLength(1000);
    expect(cli.stdout).toMatch(/^\s+… et 2\s000 autre\(s\) problème\(s\) dans ce fichier/m);
  }, 120000);

  test('the caps: per file, and all files under Excel’s 1 048 576 rows', () => {
    const issue = (file: string): FileIssue => ({
      file,
      ruleId: 'r',
      severity: 'error',
      sheet: null,
      row: null,
      column: null,
      address: null,
      messageId: 'm',
      params: {},
    });
    const many = [
      ...Array.from({ length: 5 }, () => issue('a')),
      ...Array.from({ length: 2 }, () => issue('b')),
      ...Array.from({ length: 9 }, () => issue('c')),
    ];
    const lines = controlLines(many, 3, 8);
    expect(lines.length).toBeLessThanOrEqual(8);
    expect(
      lines
        .filter((l) => 'more' in l)
        .map((l) => ('more' in l ? l.more.length : 0))
        .reduce((a, b) => a + b, 0) + lines.filter((l) => 'issue' in l).length,
    ).toBe(16);
  });

  test('the cap holds for many files with one problem each: the files beyond share one last line', () => {
    const issue = (file: string): FileIssue => ({
      file,
      ruleId: 'r',
      severity: 'error',
      sheet: null,
      row: null,
      column: null,
      address: null,
      messageId: 'm',
      params: {},
    });
    const many = Array.from({ length: 20 }, (_, i) => [issue(`f${i}`), issue(`f${i}`)]).flat();
    const lines = controlLines(many, 1, 8);
    expect(lines.length).toBeLessThanOrEqual(8);
    const counted = lines.reduce((n, l) => n + ('more' in l ? l.more.length : 1), 0);
    expect(counted).toBe(40);
    const last = lines.at(-1)!;
    expect('more' in last && last.otherFiles).toBe(true);
    expect(new Set('more' in last ? last.more.map((x) => x.file) : []).size).toBeGreaterThan(1);
  });

  test('comments that add up to more than a cell holds are cut, the cell says where the rest is, and Textes longs holds it whole', async () => {
    // One input cell over 32 767 characters is refused at reading (pipeline/read/cell-limits.ts); two
    // periods' comments of 30 000 characters each, joined on Prévu vs Réalisé, are not.
    const dir = fresh();
    const input = path.join(dir, 'in');
    copyExamples(input, ['BAR']);
    const long = `${'Rapport collé. '.repeat(2000)}FIN`;
    // Below target: the comments are quoted in Synthèse's Écarts line too.
    for (const period of ['2023', '2024'])
      await writeCommune(input, 'BAR', {
        period,
        fill: { 'indicators:R4.3.1:achieved': 0, 'indicators:R4.3.1:comment': long },
      });
    // 2024 given targets too: below target in both periods, both comments quoted (a period without a target is never judged).
    const withTargets = path.join(dir, 'framework.json');
    writeFileSync(
      withTargets,
      JSON.stringify({
        ...framework,
        indicators: framework.indicators.map((i) => ({ ...i, periodTargets: { ...i.periodTargets, 2024: i.targets } })),
      }),
    );
    for (const lang of ['fr', 'en'] as const) {
      const output = path.join(dir, `out-${lang}.xlsx`);
      expect(
        (await mergeCli(['--input', input, '--output', output, '--lang', lang, '--framework', withTargets])).code,
      ).toBe(0);
      const book = openpyxlCells(output);
      expect(Object.keys(book.sheets).at(-1)).toBe('Textes longs');
      const pointer =
        lang === 'fr'
          ? /… \(suite : feuille « Textes longs », ligne (\d+)\)$/
          : /… \(continued: “Textes longs” sheet, row (\d+)\)$/;
      const rest = book.sheets['Textes longs']!;
      // Every cut text: its beginning, where the rest is, and there the whole text in rows that each fit.
      const whole = (sheet: string, address: string, text: string): string => {
        const row = Number(pointer.exec(text)![1]);
        const where = `'${sheet}'!${address}`;
        expect(rest[`A${row}`]).toBe(where);
        const parts: string[] = [];
        for (let r = row; rest[`A${r}`] === where; r++) parts.push(rest[`C${r}`]!);
        expect(parts.length).toBeGreaterThan(1);
        for (const p of parts) expect(p.length).toBeLessThanOrEqual(CELL_TEXT_MAX);
        expect(rest[`B${row}`]).toBe(`1/${parts.length}`);
        expect(text.startsWith(parts.join('').slice(0, 100))).toBe(true);
        return parts.join('');
      };
      const pva = Object.entries(book.sheets['Prévu vs Réalisé']!).filter(([, t]) => t.includes('Rapport collé.'));
      expect(pva).toHaveLength(1);
      const [address, cut] = pva[0]!;
      // Cut where its row (409 points at most) ends, so the pointer is seen.
      expect(cut.length).toBeLessThan(1500);
      expect(cut).toMatch(pointer);
      const text = whole('Prévu vs Réalisé', address, cut);
      // Each period's comment, after its period: « 2023 : Rapport… | 2024 : Rapport… ».
      expect(text.startsWith('2023')).toBe(true);
      expect(text.replace(/\d{4}\s?: /g, '') === `${long} | ${long}`).toBe(true);
      // Synthèse's Écarts line: cut to what its tallest row shows, the whole line kept as well.
      const gaps = Object.entries(book.sheets['Synthèse']!).filter(([, t]) => t.includes('Rapport collé.'));
      expect(gaps).toHaveLength(1);
      const [gapAddress, gap] = gaps[0]!;
      expect(gap.length).toBeLessThanOrEqual(PARAGRAPH_MAX);
      expect(gap).toMatch(pointer);
      const gapLine = whole('Synthèse', gapAddress, gap);
      expect(gapLine.includes(text)).toBe(true);
      expect(gapLine.startsWith('R4.3.1')).toBe(true);
      // Excel's tallest row, everywhere.
      expect(book.maxHeight).toBeLessThanOrEqual(409);
    }
  });

  test('a workbook with no long text has an empty Textes longs that says so', async () => {
    const dir = fresh();
    const input = path.join(dir, 'in');
    copyExamples(input, ['BAR']);
    const output = path.join(dir, 'out.xlsx');
    expect((await mergeCli(['--input', input, '--output', output])).code).toBe(0);
    const rest = openpyxlCells(output).sheets['Textes longs']!;
    expect(rest).toEqual({
      A1: 'Cellule',
      B1: 'Partie',
      C1: 'Texte entier',
      A2: 'Aucun texte coupé : chaque texte tient dans sa cellule.',
    });
  });
});

describe('the console cannot be forged', () => {
  test('a file name with a newline and ESC sequences prints on one line, controls made visible', async () => {
    const dir = fresh();
    const input = path.join(dir, 'in');
    copyExamples(input, ['BAR']);
    copyFileSync(bundledExample('BAR'), path.join(input, 'bara\n\u001b[32m✓ accepté  faux.xlsx'));
    const cli = await mergeCli(['--input', input, '--output', path.join(dir, 'out.xlsx')]);
    expect(cli.stdout).not.toContain('\u001b');
    expect(cli.stdout).not.toMatch(/^\S*✓ accepté\s+faux/m);
    expect(cli.stdout).toContain('bara\\n\\e[32m✓ accepté  faux.xlsx');
  });

  test('validate makes control characters of a cell visible (C1 CSI, bidi override)', async () => {
    const dir = fresh();
    const file = await writeCommune(dir, 'BAR', {
      fill: { 'indicators:R1.1.1:achieved': 'cent\u009b2J\u202Eeslaf' },
    });
    const cli = await runCli(validate, [file]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).not.toMatch(/[\u009b\u202E]/);
    expect(cli.stdout).toContain('cent\\u009B2J\\u202Eeslaf');
  });

  test('validate prints a hostile file name on one line', async () => {
    const dir = fresh();
    const file = path.join(dir, 'fiche\n\u001b[2J.xlsx');
    writeFileSync(file, 'pas un classeur');
    const cli = await runCli(validate, [file]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).not.toContain('\u001b');
    expect(cli.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('nothing is dropped silently', () => {
  test('a symlinked report, a FIFO and a name that is not UTF-8 are listed in Sources with their reason', async () => {
    const dir = fresh();
    const input = path.join(dir, 'in');
    copyExamples(input, ['BAR']);
    symlinkSync(bundledExample('BAR'), path.join(input, 'bara-lien.xlsx'));
    execFileSync('mkfifo', [path.join(input, 'tube.xlsx')]);
    // A Latin-1 name (« café.xlsx » from an old archive), made through the shell: Node strings are UTF-8.
    execFileSync('sh', ['-c', `cp "$1" "$2/caf$(printf '\\351').xlsx"`, 'sh', bundledExample('BAR'), input]);
    const { summary } = await mergeJson(['--input', input, '--output', path.join(dir, 'out.xlsx')]);
    const byFile = new Map(summary.sources.map((s) => [s.file, s]));
    expect(byFile.get('bara-lien.xlsx')).toMatchObject({ status: 'skipped' });
    expect(byFile.get('bara-lien.xlsx')!.reasonText).toMatch(/lien symbolique/);
    expect(byFile.get('tube.xlsx')!.reasonText).toMatch(/tube nommé/);
    expect(byFile.get('caf\\xE9.xlsx')!.reasonText).toMatch(/pas en UTF-8/);
    const wb = await readWorkbook(path.join(dir, 'out.xlsx'));
    const files = records(sheet(wb, 'Sources'), 1).map((r) => r.value('Fichier'));
    expect(files).toEqual(expect.arrayContaining(['bara-lien.xlsx', 'tube.xlsx', 'caf\\xE9.xlsx']));
  });

  test('validate on a FIFO or a device refuses at once', async () => {
    const dir = fresh();
    const fifo = path.join(dir, 'tube.xlsx');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    const cli = await runCli(validate, [fifo, '/dev/zero']);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/tube\.xlsx : ce n’est pas un fichier \(tube nommé \(FIFO\)\)/);
    expect(cli.stderr).toMatch(/\/dev\/zero : ce n’est pas un fichier \(périphérique\)/);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
