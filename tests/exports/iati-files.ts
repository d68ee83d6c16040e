/**
 * The IATI tests' tools: xmllint against the vendored 2.03 schema, the vendored codelists, and the
 * rules of the standard that the schema does not check, each returning what breaks them (empty: none).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { elements, type XmlElement } from '../helpers/xml';

export const IATI_DIR = path.resolve(__dirname, '..', 'fixtures', 'iati-2.03');
export const IATI_SCHEMA = path.join(IATI_DIR, 'iati-activities-schema.xsd');

/** `xmllint --noout --schema iati-activities-schema.xsd FILE`: its exit code and what it said. */
export function xmllint(file: string): { status: number | null; output: string } {
  const run = spawnSync('xmllint', ['--noout', '--schema', IATI_SCHEMA, file], { encoding: 'utf8' });
  if (run.error) throw new Error(`xmllint not found (Debian: apt-get install libxml2-utils): ${run.error.message}`);
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

const vendored = JSON.parse(readFileSync(path.join(IATI_DIR, 'codelists.json'), 'utf8')) as {
  codelists: Record<string, string[]>;
};
export const CODELISTS: Record<string, ReadonlySet<string>> = Object.fromEntries(
  Object.entries(vendored.codelists).map(([name, codes]) => [name, new Set(codes)]),
);

const attr = (e: XmlElement, name: string) => e.attributes[name];

/** Every code the file uses that is not in its codelist, as `element/@attribute=value (List)`. */
export function codelistProblems(root: XmlElement): string[] {
  const problems: string[] = [];
  const check = (list: string, e: XmlElement, name: string, required = true) => {
    const value = attr(e, name);
    if (value === undefined) {
      if (required) problems.push(`${e.name}/@${name} missing (${list})`);
      return;
    }
    if (!CODELISTS[list]!.has(value)) problems.push(`${e.name}/@${name}=${value} (${list})`);
  };
  const on = (name: string, list: string, attribute = 'code', required = true) =>
    elements(root, name).forEach((e) => check(list, e, attribute, required));
  on('activity-status', 'ActivityStatus');
  on('activity-date', 'ActivityDateType', 'type');
  on('participating-org', 'OrganisationRole', 'role');
  on('participating-org', 'OrganisationType', 'type');
  on('reporting-org', 'OrganisationType', 'type');
  on('recipient-country', 'Country');
  on('iati-activity', 'Currency', 'default-currency');
  on('value', 'Currency', 'currency', false);
  on('iati-activity', 'Language', 'xml:lang');
  on('narrative', 'Language', 'xml:lang', false);
  on('description', 'DescriptionType', 'type', false);
  on('sector', 'SectorVocabulary', 'vocabulary');
  elements(root, 'sector')
    .filter((s) => attr(s, 'vocabulary') === '1')
    .forEach((s) => check('Sector', s, 'code'));
  on('default-aid-type', 'AidTypeVocabulary', 'vocabulary');
  on('default-aid-type', 'AidType');
  on('budget', 'BudgetType', 'type');
  on('budget', 'BudgetStatus', 'status');
  on('transaction-type', 'TransactionType');
  on('location-reach', 'GeographicLocationReach');
  on('exactness', 'GeographicExactness');
  on('location-class', 'GeographicLocationClass');
  on('result', 'ResultType', 'type');
  on('indicator', 'IndicatorMeasure', 'measure');
  elements(root, 'indicator').forEach((i) =>
    i.children.filter((c) => c.name === 'reference').forEach((r) => check('IndicatorVocabulary', r, 'vocabulary')),
  );
  // The reporting organisation's identifier starts with a registration agency's prefix (`XI-IATI`, `DE-…`).
  for (const org of elements(root, 'reporting-org')) {
    const ref = attr(org, 'ref') ?? '';
    const prefixes = [...CODELISTS['OrganisationRegistrationAgency']!].filter((p) => ref.startsWith(`${p}-`));
    if (prefixes.length === 0) problems.push(`reporting-org/@ref=${ref} (OrganisationRegistrationAgency)`);
  }
  return problems;
}

const child = (e: XmlElement, name: string) => e.children.find((c) => c.name === name);
const isoOf = (e: XmlElement, name: string) => attr(child(e, name) ?? e, 'iso-date') ?? '';

/** The standard's rules the schema leaves out: dates in order, one value per dimension combination, … */
export function ruleProblems(root: XmlElement): string[] {
  const problems: string[] = [];
  for (const activity of elements(root, 'iati-activity')) {
    const id = child(activity, 'iati-identifier')?.text.trim() ?? '';
    const ref = attr(child(activity, 'reporting-org')!, 'ref') ?? '';
    if (!id.startsWith(`${ref}-`)) problems.push(`iati-identifier ${id} does not start with ${ref}-`);
    const percentages = elements(activity, 'sector').map((s) => Number(attr(s, 'percentage') ?? 'NaN'));
    if (percentages.length > 1 && Math.abs(percentages.reduce((a, b) => a + b, 0) - 100) > 1e-9)
      problems.push(`sector percentages add up to ${percentages.reduce((a, b) => a + b, 0)}`);
    const places = new Set(activity.children.filter((c) => c.name === 'location').map((l) => attr(l, 'ref')));
    for (const e of [...elements(activity, 'period'), ...elements(activity, 'budget')]) {
      const start = isoOf(e, 'period-start');
      const end = isoOf(e, 'period-end');
      if (!(start < end)) problems.push(`${e.name} ${start} → ${end}: the start is not before the end`);
    }
    for (const period of elements(activity, 'period')) {
      const label = `period ${isoOf(period, 'period-start')}`;
      for (const kind of ['target', 'actual']) {
        const seen = new Set<string>();
        for (const value of period.children.filter((c) => c.name === kind)) {
          if (!/^-?\d+(\.\d+)?$/.test(attr(value, 'value') ?? '')) problems.push(`${label} ${kind} without a number`);
          const key = value.children
            .filter((c) => c.name === 'location' || c.name === 'dimension')
            .map((c) =>
              c.name === 'location' ? `location=${attr(c, 'ref')}` : `${attr(c, 'name')}=${attr(c, 'value')}`,
            )
            .sort()
            .join('&');
          if (seen.has(key)) problems.push(`${label}: two ${kind} values for « ${key || 'no dimension'} »`);
          seen.add(key);
          for (const loc of value.children.filter((c) => c.name === 'location'))
            if (!places.has(attr(loc, 'ref')))
              problems.push(`${label}: location ${attr(loc, 'ref')} is not a location`);
        }
      }
    }
    for (const t of elements(activity, 'transaction-date'))
      if ((attr(t, 'iso-date') ?? '') > new Date().toISOString().slice(0, 10))
        problems.push(`transaction-date ${attr(t, 'iso-date')} in the future`);
  }
  for (const n of elements(root, 'narrative')) if (n.text.trim() === '') problems.push('an empty narrative');
  return problems;
}
