/**
 * The bench runs end to end on a small batch and prints its table; its figures are not asserted
 * (machines are noisy), only that every measure is there and the parallel output equals the sequential one.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { run } from '../../pipeline/cli/bench';

/** Excel's limits: a cell holds at most 32 767 characters, a row is at most 409 points tall. */
const MAX_CELL_CHARACTERS = 32767;
const MAX_ROW_POINTS = 409;

test('npm run bench -- --files 24 prints the floor, both merges, the validator, the start-up times and the identity check', async () => {
  const out: string[] = [];
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    expect(await run(['--files', '24'])).toBe(0);
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
  const text = out.join('');
  expect(text).toMatch(
    /\| Mesure \| Fichiers \| Entrées \(Mo\) \| Secondes \| Fichiers\/s \| Ratio \/ plancher \| RSS max \(Mo\) \|/,
  );
  expect(text).toMatch(/\| plancher : dézipper \+ parcourir le XML \| 24 \|/);
  expect(text).toMatch(/\| consolidation complète \(\d+ fils?\) \| 24 \| [\d.]+ \| [\d.]+ \| \d+ \| [\d.]+ \| \d+ \|/);
  expect(text).toMatch(/\| validateur seul, 5 000 lignes/);
  expect(text).toMatch(/\| démarrage : merge --help, compilé \(node\) \| 0 \| – \| [\d.]+ \| – \|/);
  expect(text).toMatch(/\| validate d’un classeur, sources \(tsx\) \| 1 \| – \| [\d.]+ \|/);
  expect(text).toMatch(/Sortie identique en parallèle et en séquentiel \(table Données, SHA-256\) : oui/);

  // 703 communes, 24 files: hundreds of communes not received. Synthèse names the first ones and says
  // where the rest are, within Excel's limits.
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path.resolve(__dirname, '..', '..', '.bench', 'out-1.xlsx'));
  const synthesis = workbook.getWorksheet('Synthèse')!;
  const tooLong: string[] = [];
  synthesis.eachRow((row, r) => {
    if ((row.height ?? 15) > MAX_ROW_POINTS) tooLong.push(`row ${r}: ${row.height} pt`);
    row.eachCell((cell) => {
      if (typeof cell.value === 'string' && cell.value.length > MAX_CELL_CHARACTERS)
        tooLong.push(`${cell.address}: ${cell.value.length} characters`);
    });
  });
  expect(tooLong).toEqual([]);
  const texts: string[] = [];
  synthesis.eachRow((row) => row.eachCell((cell) => void (typeof cell.value === 'string' && texts.push(cell.value))));
  expect(texts.some((t) => /… et [\d\u202f]+ autres \(voir la feuille « Sources »\)/.test(t))).toBe(true);
}, 180_000);
