/**
 * `--feedback DIR` that cannot be written: under a file it is refused before anything is read or written
 * (merge and validate); a write that fails anyway is said in one line in the user's words, never the raw
 * error of the file system (`ENOTDIR: not a directory, mkdir …`).
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { run as validateRun } from '../../pipeline/cli/validate';
import { runFeedback } from '../../pipeline/cli/feedback';
import { runCli } from '../cli/capture';
import { framework, hashFolder, mergeCli, tempDir, writeCommune } from '../helpers/merge-fixtures';

const tmp = tempDir('feedback-write-failures');
afterAll(() => tmp.remove());

const blocker = path.join(tmp.dir, 'afile');
beforeAll(() => writeFileSync(blocker, 'pas un dossier'));

test('merge --feedback under a file: refused in one line before the merge, nothing written', async () => {
  const input = path.join(tmp.dir, 'recus');
  await writeCommune(input, 'SAL');
  const before = hashFolder(input);
  const output = path.join(tmp.dir, 'sortie.xlsx');
  const cli = await mergeCli(['--input', input, '--output', output, '--feedback', path.join(blocker, 'retours')]);
  expect(cli.code).toBe(2);
  expect(cli.stderr.trim()).toBe(
    `Erreur : ${blocker} est un fichier, pas un dossier : renommez-le ou choisissez un autre dossier pour --feedback`,
  );
  expect(existsSync(output)).toBe(false);
  expect(hashFolder(input)).toEqual(before);
}, 60_000);

test('validate --feedback under a file: refused the same way, in English too', async () => {
  const file = await writeCommune(path.join(tmp.dir, 'seul'), 'SAL');
  const cli = await runCli(validateRun, ['--lang', 'en', '--feedback', path.join(blocker, 'a', 'b'), file]);
  expect(cli.code).toBe(2);
  expect(cli.stdout).toBe('');
  expect(cli.stderr.trim()).toBe(
    `Error: ${blocker} is a file, not a folder: rename it or choose another folder for --feedback`,
  );
});

test('a feedback write that fails anyway (a file put there meanwhile) is said in words, in French', async () => {
  const dir = path.join(blocker, 'retours');
  const err: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err.push(String(chunk));
    return true;
  });
  try {
    const summary = await runFeedback(
      { dir, framework, lang: 'fr', sources: [], missing: [], periods: [], readTables: () => Promise.resolve(null) },
      'fr',
    );
    expect(summary).toBeNull();
  } finally {
    spy.mockRestore();
  }
  expect(err.join('').trim()).toBe(
    `Erreur : écriture des retours impossible dans ${dir} : ${blocker} est un fichier, pas un dossier : renommez-le ou choisissez un autre dossier pour --feedback`,
  );
});

test('a feedback folder whose name is too long: the check passes, the failure is said in words', async () => {
  const file = await writeCommune(path.join(tmp.dir, 'long'), 'SAL');
  const dir = path.join(tmp.dir, 'x'.repeat(300));
  const cli = await runCli(validateRun, ['--feedback', dir, file]);
  expect(cli.code).toBe(2);
  const line = cli.stderr.split('\n').find((l) => l.startsWith('Erreur'))!;
  expect(line).toMatch(/^Erreur : écriture des retours impossible dans .* : le chemin .* est trop long/);
  expect(line).toContain('choisissez pour --feedback un nom plus court');
  expect(cli.stderr).not.toContain('ENAMETOOLONG');
});
