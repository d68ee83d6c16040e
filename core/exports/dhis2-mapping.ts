import { z } from 'zod';
import { formatPath } from '../framework/load';
import type { Framework } from '../framework/schema';
import type { Dhis2ProblemId } from '../messages/exports-dhis2';
import type { Params } from '../report';

/**
 * The DHIS2 mapping file (`--dhis2-mapping`): which DHIS2 identifiers the project's numbers go to.
 * Indicators, beneficiary categories and budget lines by code, each disaggregation of the `Données`
 * table (Total, Femmes, Hommes) to a data element and a category option combo; communes to
 * organisation units; periods to DHIS2 periods when the default (from the period's dates) does not fit.
 * Anything left out of the file is not sent, and the export lists it.
 */

const say = (id: Dhis2ProblemId): string => id;

/** A DHIS2 UID: 11 letters or digits, a letter first. */
export const DHIS2_UID = /^[A-Za-z][A-Za-z0-9]{10}$/;
const uid = z.string({ error: say('uid') }).regex(DHIS2_UID, say('uid'));

/**
 * DHIS2's ISO period formats: daily 20240315, weekly 2024W10 (and WedW, ThuW, SatW, SunW), bi-weekly
 * 2024BiW1, monthly 202406, bi-monthly 202401B, quarterly 2024Q2 (and NovQ), six-monthly 2024S1 (AprilS,
 * NovS), yearly 2024, financial years 2024April, 2024July, 2024Oct, 2024Nov.
 */
export const DHIS2_PERIOD =
  /^\d{4}(?:(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])?|(?:Wed|Thu|Sat|Sun|Bi)?W(?:[1-9]|[1-4]\d|5[0-3])|(?:0[1-6])B|(?:Nov)?Q[1-4]|(?:April|Nov)?S[12]|April|July|Oct|Nov)?$/;
const dhis2Period = z.string({ error: say('period') }).regex(DHIS2_PERIOD, say('period'));

/** The `Données` names of the disaggregations, as the mapping file keys them. */
export const DISAGGREGATION_KEYS = { total: 'Total', women: 'Femmes', men: 'Hommes' } as const;

const target = z
  .object({ dataElement: uid.optional(), categoryOptionCombo: uid, attributeOptionCombo: uid.optional() })
  .strict();

const item = z
  .object({
    /** The data element of every disaggregation that does not name its own. */
    dataElement: uid.optional(),
    attributeOptionCombo: uid.optional(),
    Total: target.optional(),
    Femmes: target.optional(),
    Hommes: target.optional(),
  })
  .strict();

const items = z.record(z.string(), item).default({});

export const dhis2MappingSchema = z
  .object({
    $comment: z.string().optional(),
    /** Of every value that does not name its own (the project's funding mechanism, say); DHIS2's default otherwise. */
    attributeOptionCombo: uid.optional(),
    orgUnits: z.record(z.string(), uid),
    periods: z.record(z.string(), dhis2Period).default({}),
    indicators: items,
    beneficiaries: items,
    budget: items,
  })
  .strict();

export type Dhis2Mapping = z.infer<typeof dhis2MappingSchema>;
export type Dhis2Item = z.infer<typeof item>;

/** One problem of a mapping file: where (a JSON path), which, with what. */
export interface Dhis2Problem {
  path: string;
  id: Dhis2ProblemId;
  params: Params;
}

/** What zod tells of an issue, as far as a text needs it. */
interface ZodIssueLike {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  input?: unknown;
  expected?: unknown;
  keys?: readonly string[];
}

function problemOf(issue: ZodIssueLike): Dhis2Problem {
  const path = formatPath(issue.path);
  const value = typeof issue.input === 'string' ? issue.input : (JSON.stringify(issue.input) ?? '');
  if (issue.message === 'uid' || issue.message === 'period')
    return { path, id: issue.input === undefined ? 'missing' : issue.message, params: { value } };
  if (issue.code === 'unrecognized_keys')
    return { path, id: 'unknownKeys', params: { keys: (issue.keys ?? []).map((k) => `"${k}"`).join(', ') } };
  if (issue.code === 'invalid_type')
    return { path, id: issue.input === undefined ? 'missing' : 'notAnObject', params: { value } };
  return { path, id: 'invalid', params: { value } };
}

/** The checks against the framework: known codes, communes and periods, one key per DHIS2 cell. */
function crossProblems(mapping: Dhis2Mapping, framework: Framework): Dhis2Problem[] {
  const out: Dhis2Problem[] = [];
  const communes = new Set(framework.communes.map((c) => c.code));
  for (const code of Object.keys(mapping.orgUnits))
    if (!communes.has(code))
      out.push({
        path: formatPath(['orgUnits', code]),
        id: 'unknownCommune',
        params: { code, known: [...communes].join(', ') },
      });
  const seenUnits = new Map<string, string>();
  for (const [code, unit] of Object.entries(mapping.orgUnits)) {
    const other = seenUnits.get(unit);
    if (other) out.push({ path: formatPath(['orgUnits', code]), id: 'sameOrgUnit', params: { value: unit, other } });
    seenUnits.set(unit, code);
  }
  const periods = new Set(framework.periods.map((p) => p.label));
  for (const label of Object.keys(mapping.periods))
    if (!periods.has(label))
      out.push({
        path: formatPath(['periods', label]),
        id: 'unknownPeriod',
        params: { code: label, known: [...periods].join(', ') },
      });
  const codes = {
    indicators: framework.indicators.map((i) => i.code),
    beneficiaries: framework.beneficiaries.map((b) => b.code),
    budget: framework.budgetLines.map((b) => b.code),
  };
  // Two numbers sent to the same data element and category option combo would overwrite each other in DHIS2.
  const cells = new Map<string, string>();
  for (const section of ['indicators', 'beneficiaries', 'budget'] as const)
    for (const [code, entry] of Object.entries(mapping[section])) {
      if (!codes[section].includes(code)) {
        out.push({
          path: formatPath([section, code]),
          id: 'unknownCode',
          params: { code, known: codes[section].join(', ') },
        });
        continue;
      }
      for (const key of Object.values(DISAGGREGATION_KEYS)) {
        const t = entry[key];
        if (!t) continue;
        const dataElement = t.dataElement ?? entry.dataElement;
        const where = formatPath([section, code, key]);
        if (!dataElement) {
          out.push({ path: where, id: 'noDataElement', params: {} });
          continue;
        }
        const cell = `${dataElement}/${t.categoryOptionCombo}/${t.attributeOptionCombo ?? entry.attributeOptionCombo ?? mapping.attributeOptionCombo ?? ''}`;
        const other = cells.get(cell);
        if (other) out.push({ path: where, id: 'sameCell', params: { other } });
        else cells.set(cell, where);
      }
    }
  return out;
}

/** Checks parsed JSON against the schema and the framework; returns the mapping or every problem found. */
export function parseDhis2Mapping(
  data: unknown,
  framework: Framework,
): { mapping: Dhis2Mapping; problems: [] } | { mapping: null; problems: Dhis2Problem[] } {
  const parsed = dhis2MappingSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) return { mapping: null, problems: parsed.error.issues.map(problemOf) };
  const problems = crossProblems(parsed.data, framework);
  return problems.length > 0 ? { mapping: null, problems } : { mapping: parsed.data, problems: [] };
}
