/**
 * `--iati` and `--dhis2` that cannot be written: a path under a file is refused before the merge (nothing
 * written); a write that fails after it is said once, on stderr, in the user's words (no raw error
 * code); a missing mapping file is « introuvable ». The wording of each kind of failure, fr and en.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeFailureWhy } from '../../pipeline/write/write-failure';
import { BUNDLED_EXAMPLES, mergeCli, tempDir } from '../helpers/merge-fixtures';

const ROOT = path.resolve(__dirname, '..', '..');
const MAPPING = path.join(ROOT, 'templates', 'dhis2-mapping.exemple.json');

const tmp = tempDir('exports-write-failures');
afterAll(() => tmp.remove());

/** A plain file where the user meant a folder. */
function aFile(name: string): string {
  const file = path.join(tmp.dir, name);
  writeFileSync(file, 'pas un dossier');
  return file;
}

/** A file name longer than any file system takes (255 bytes): the check passes, the write fails. */
const tooLong = (ext: string) => `${'x'.repeat(300)}${ext}`;

const errorLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('Erreur'));

describe('a path under a file is refused before the merge, nothing written', () => {
  test.each([
    ['--iati', (blocker: string) => ['--iati', path.join(blocker, 'iati', 'activite.xml')]],
    [
      '--dhis2',
      (blocker: string) => ['--dhis2', path.join(blocker, 'dhis2', 'export.json'), '--dhis2-mapping', MAPPING],
    ],
  ])(
    '%s',
    async (option, args) => {
      const blocker = aFile(`fichier${option}`);
      const output = path.join(tmp.dir, `sortie${option}.xlsx`);
      const cli = await mergeCli(['--input', BUNDLED_EXAMPLES, '--output', output, ...args(blocker)]);
      expect(cli.code).toBe(2);
      expect(cli.stdout).toBe('');
      expect(cli.stderr.trim().split('\n')).toHaveLength(1);
      expect(cli.stderr).toContain(`Erreur : ${option} « `);
      expect(cli.stderr).toContain(`${blocker} est un fichier, pas un dossier : renommez-le`);
      expect(cli.stderr).not.toMatch(/E[A-Z]{3,}/);
      expect(existsSync(output)).toBe(false);
    },
    60_000,
  );
});

test('a DHIS2 export that fails to be written is said once, on stderr, in words', async () => {
  const output = path.join(tmp.dir, 'sortie-dhis2-long.xlsx');
  const dhis2 = path.join(tmp.dir, tooLong('.json'));
  const cli = await mergeCli([
    '--input',
    BUNDLED_EXAMPLES,
    '--output',
    output,
    '--dhis2',
    dhis2,
    '--dhis2-mapping',
    MAPPING,
  ]);
  expect(cli.code).toBe(2);
  expect(cli.stdout).not.toContain('DHIS2');
  const lines = errorLines(cli.stderr);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^Erreur : écriture de l’export DHIS2 .* impossible : le chemin .* est trop long/);
  expect(lines[0]).toContain('choisissez pour --dhis2 un nom plus court ; aucun fichier DHIS2 n’a été écrit');
  expect(cli.stderr).not.toContain('ENAMETOOLONG');
  expect(existsSync(output)).toBe(true);
}, 60_000);

test('an IATI file that fails to be written is said in words, not by its error code', async () => {
  const output = path.join(tmp.dir, 'sortie-iati-long.xlsx');
  const cli = await mergeCli([
    '--input',
    BUNDLED_EXAMPLES,
    '--output',
    output,
    '--iati',
    path.join(tmp.dir, tooLong('.xml')),
  ]);
  expect(cli.code).toBe(2);
  const lines = errorLines(cli.stderr);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^Erreur : export IATI : écriture de .* impossible : le chemin .* est trop long/);
  expect(lines[0]).toContain('aucun fichier IATI n’a été écrit');
  expect(cli.stderr).not.toContain('ENAMETOOLONG');
}, 60_000);

test('a missing mapping file: « fichier introuvable », before anything is written', async () => {
  const output = path.join(tmp.dir, 'sortie-sans-correspondance.xlsx');
  const mapping = path.join(tmp.dir, 'absente.json');
  const args = (lang: string) => [
    '--input',
    BUNDLED_EXAMPLES,
    '--output',
    output,
    '--dhis2',
    path.join(tmp.dir, 'dhis2.json'),
    '--dhis2-mapping',
    mapping,
    '--lang',
    lang,
  ];
  const fr = await mergeCli(args('fr'));
  expect(fr.code).toBe(2);
  expect(fr.stderr.trim()).toBe(`Erreur : Correspondance DHIS2 ${mapping} : fichier introuvable : vérifiez le chemin`);
  const en = await mergeCli(args('en'));
  expect(en.stderr.trim()).toBe(`Error: DHIS2 mapping ${mapping}: file not found: check the path`);
  expect(existsSync(output)).toBe(false);
});

describe('each kind of write failure, in the user’s words and language', () => {
  const folder = () => path.join(tmp.dir, 'exports');
  const fail = (code: string) => Object.assign(new Error(`${code}: raw`), { code });
  const why = (code: string, lang: 'fr' | 'en' = 'fr') =>
    writeFailureWhy(fail(code), { target: path.join(folder(), 'f.xml'), folder: folder() }, '--iati', lang);

  test.each([
    [
      'EACCES',
      'fr',
      'est en lecture seule ou son accès est refusé : choisissez pour --iati un dossier où vous pouvez écrire',
    ],
    ['EROFS', 'en', 'is read-only or access is denied: choose for --iati a folder you can write to'],
    ['ENOSPC', 'fr', 'est plein : libérez de la place ou choisissez pour --iati un autre disque'],
    ['ENOSPC', 'en', 'is full: free some space or choose another disk for --iati'],
    ['ENOENT', 'fr', 'n’existe pas et n’a pas pu être créé : vérifiez le chemin de --iati'],
    ['EIO', 'fr', 'erreur du système de fichiers (EIO) dans'],
  ] as const)('%s (%s)', async (code, lang, expected) => {
    const text = await why(code, lang);
    expect(text).toContain(expected);
    expect(text).toContain(folder());
    expect(text).not.toContain('raw');
  });

  test('a file named like a folder of the path is named', async () => {
    const blocker = aFile('bloque');
    const text = await writeFailureWhy(
      fail('ENOTDIR'),
      { target: path.join(blocker, 'a', 'f.xml'), folder: path.join(blocker, 'a') },
      '--dhis2',
      'en',
    );
    expect(text).toBe(`${blocker} is a file, not a folder: rename it or choose another folder for --dhis2`);
  });
});
