/**
 * The bench runs end to end on a small batch and prints its table; its figures are not asserted
 * (machines are noisy), only that every measure is there and the parallel output equals the sequential one.
 */
import { run } from '../../pipeline/cli/bench';

test('npm run bench -- --files 24 prints the floor, both merges, the validator and the identity check', async () => {
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
  expect(text).toMatch(/\| Mesure \| Fichiers \| Entrées \(Mo\) \| Secondes \| Fichiers\/s \| Ratio \/ plancher \| RSS max \(Mo\) \|/);
  expect(text).toMatch(/\| plancher : dézipper \+ parcourir le XML \| 24 \|/);
  expect(text).toMatch(/\| consolidation complète \(\d+ fils?\) \| 24 \| [\d.]+ \| [\d.]+ \| \d+ \| [\d.]+ \| \d+ \|/);
  expect(text).toMatch(/\| validateur seul, 5 000 lignes/);
  expect(text).toMatch(/Sortie identique en parallèle et en séquentiel \(table Données, SHA-256\) : oui/);
}, 180_000);
