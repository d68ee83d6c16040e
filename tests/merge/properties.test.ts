/** The consolidated workbook carries its document properties: title, subject, author, company. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { BUNDLED_EXAMPLES, framework, mergeCli, tempDir } from '../helpers/merge-fixtures';
import { elements, parseXml } from '../helpers/xml';

const tmp = tempDir('merge-props');
afterAll(() => tmp.remove());

test('title, subject, creator and company are set', async () => {
  const output = path.join(tmp.dir, 'out.xlsx');
  expect((await mergeCli(['--input', BUNDLED_EXAMPLES, '--output', output])).code).toBe(0);
  const zip = await JSZip.loadAsync(readFileSync(output));
  const core = await zip.file('docProps/core.xml')!.async('string');
  const app = await zip.file('docProps/app.xml')!.async('string');
  expect(core).toContain('<dc:title>Ensemble pour un avenir meilleur – Synthèse de suivi-évaluation</dc:title>');
  expect(core).toContain(`<dc:subject>ensemble-gao ${framework.version} – 2023</dc:subject>`);
  expect(core).toContain('<dc:creator>ensemble-me-toolkit</dc:creator>');
  expect(app).toContain('<Company>Plan International Mali</Company>');
  // The tabs are in the contract's order, Synthèse first, whatever order the sheets were written in.
  expect(
    elements(parseXml(app), 'lpstr')
      .map((e) => e.text)
      .slice(1),
  ).toEqual([
    'Synthèse',
    'Prévu vs Réalisé',
    'Évolution',
    'Budget',
    'Bénéficiaires',
    'Données',
    'Contrôles',
    'Sources',
    'Textes longs',
  ]);
});
