/** Example identifiers left in the framework's iati block or the DHIS2 mapping are said before anything is sent. */
import path from 'node:path';
import { placeholdersIn } from '../../core/exports/placeholders';
import { mergeCli, tempDir } from '../helpers/merge-fixtures';

const tmp = tempDir('placeholders');
const MAPPING = path.resolve(__dirname, '..', '..', 'templates', 'dhis2-mapping.exemple.json');

test('finds the markers of our example files, once each, and not in comments', () => {
  expect(
    placeholdersIn({
      $comment: 'ref XI-IATI-PLAN-A-CONFIRMER à remplacer',
      reportingOrg: { ref: 'XI-IATI-PLAN-A-CONFIRMER' },
      participating: [{ ref: 'XI-IATI-PLAN-A-CONFIRMER' }, { ref: 'DE-1' }],
      orgUnits: { GNZ: 'ouGNZXXXXXX', SAL: 'Xk3PqR8sLm2' },
    }),
  ).toEqual(['XI-IATI-PLAN-A-CONFIRMER', 'ouGNZXXXXXX']);
  expect(placeholdersIn({ ref: 'DE-1', uid: 'Xk3PqR8sLm2' })).toEqual([]);
});

test('the bundled examples exported as they ship: the console warns, the JSON carries the notices', async () => {
  const out = path.join(tmp.dir, 'out');
  const args = [
    '--output',
    path.join(out, 'c.xlsx'),
    '--iati',
    path.join(out, 'iati.xml'),
    '--dhis2',
    path.join(out, 'd.json'),
    '--dhis2-mapping',
    MAPPING,
  ];
  const cli = await mergeCli(args);
  expect(cli.code).toBe(0);
  expect(cli.stderr).toMatch(
    /IATI, attention : identifiant\(s\) d’exemple à remplacer avant de publier .*: XI-IATI-PLAN-A-CONFIRMER/,
  );
  expect(cli.stderr).toMatch(/DHIS2, attention : \d+ identifiant\(s\) d’exemple dans la correspondance \(par exemple /);
  const json = await mergeCli([...args, '--json', '--lang', 'en']);
  const notices = (JSON.parse(json.stdout) as { notices: string[] }).notices;
  expect(notices).toHaveLength(2);
  expect(notices[0]).toMatch(/^IATI, warning: example identifier/);
});
