/**
 * The framework's optional `iati` block: checked by zod like the rest of the file, each problem named by
 * its JSON path with what to write instead; a framework without it still loads (the export then refuses).
 */
import { readFileSync } from 'node:fs';
import { FrameworkError, parseFramework } from '../../core/framework/load';
import { frameworkProblemText } from '../../core/messages/framework';
import { DEFAULT_FRAMEWORK } from '../../pipeline/framework-file';

type Loose = Record<string, unknown>;
interface RawIati extends Loose {
  reportingOrg: Loose;
  participatingOrgs: Loose[];
  locations: Loose & { communes: Loose };
  beneficiaries: Loose & { ages: Loose };
}
const raw = JSON.parse(readFileSync(DEFAULT_FRAMEWORK, 'utf8')) as Loose & { iati: RawIati };

function problems(mutate: (iati: RawIati) => void): string[] {
  const copy = structuredClone(raw);
  mutate(copy.iati);
  try {
    parseFramework(copy, 'framework.json');
  } catch (err) {
    expect(err).toBeInstanceOf(FrameworkError);
    return (err as FrameworkError).problems.map((p) => `${p.path}: ${frameworkProblemText(p, 'en')}`);
  }
  throw new Error('the broken iati block was accepted');
}

test('the bundled framework has an iati block, and one without it loads', () => {
  expect(parseFramework(structuredClone(raw), 'framework.json').iati?.recipientCountry).toBe('ML');
  const without: Loose = structuredClone(raw);
  delete without.iati;
  expect(parseFramework(without, 'framework.json').iati).toBeUndefined();
});

test.each<[string, (iati: RawIati) => void, string]>([
  [
    'a country name instead of its code',
    (i) => (i.recipientCountry = 'Mali'),
    'iati.recipientCountry: expected a two-letter',
  ],
  [
    'an identifier that is not the reporting organisation’s',
    (i) => (i.identifier = 'XM-DAC-41114-ensemble-gao'),
    "iati.identifier: the activity identifier starts with the reporting organisation's identifier",
  ],
  [
    'an organisation reference without agency',
    (i) => {
      i.reportingOrg.ref = 'PLAN';
      i.identifier = 'PLAN-ensemble-gao';
    },
    'iati.reportingOrg.ref: expected an IATI organisation identifier',
  ],
  [
    'a role outside OrganisationRole',
    (i) => (i.participatingOrgs[0]!.role = '5'),
    'iati.participatingOrgs[0].role: expected one of: "1", "2", "3", "4"',
  ],
  [
    'an activity status outside ActivityStatus',
    (i) => (i.activityStatus = 'en cours'),
    'iati.activityStatus: expected one of',
  ],
  [
    'a date written the French way',
    (i) => (i.activityDates = [{ type: '1', date: '01/01/2023' }]),
    'iati.activityDates[0].date: expected a date written YYYY-MM-DD',
  ],
  [
    'a location for a commune of no project',
    (i) => (i.locations.communes = { KID: {} }),
    'iati.locations.communes.KID: unknown commune KID',
  ],
  [
    'an age band for an unknown category',
    (i) => (i.beneficiaries.ages['BEN-25-35'] = '25-35'),
    'iati.beneficiaries.ages.BEN-25-35: unknown beneficiary category BEN-25-35',
  ],
  ['a misspelt key', (i) => (i.sector = []), 'iati: unknown key(s): "sector"'],
])('%s', (_name, mutate, expected) => {
  expect(problems(mutate)).toEqual([expect.stringContaining(expected)]);
});
