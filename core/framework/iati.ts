import { z } from 'zod';
import type { FrameworkProblemId } from '../messages/framework';

/** A message of ours: its id in the framework catalogue (core/messages/framework.ts), rendered at the edge. */
const say = (id: FrameworkProblemId): string => id;

/**
 * The framework's optional `iati` block: everything an IATI 2.03 activity file needs that is not data from
 * the workbooks (identifiers, organisations, codes, dates). The export never takes any of it from the code.
 * Codes are those of the IATI codelists (https://iatistandard.org/en/iati-standard/203/codelists/); the
 * small closed lists are checked here, the open ones (sectors, organisation types) by their shape.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, say('isoDate'));
const text = z.string().trim().min(1);
/** An organisation identifier (`DE-1`, `XM-DAC-41114`): a registration agency prefix, then the id. */
const orgRef = z.string().regex(/^[A-Za-z]{2}-[A-Za-z0-9][A-Za-z0-9._/-]*$/, say('iatiOrgRef'));
/** OrganisationType codelist: two digits (10 government, 21 international NGO, 22 national NGO, …). */
const orgType = z.string().regex(/^\d{2}$/, say('iatiCodeDigits'));

const organisation = z.object({ ref: orgRef.optional(), type: orgType, name: text }).strict();

const participatingOrg = organisation
  .extend({
    /** OrganisationRole: 1 funding, 2 accountable, 3 extending, 4 implementing. */
    role: z.enum(['1', '2', '3', '4']),
  })
  .strict();

const activityDate = z
  .object({
    /** ActivityDateType: 1 planned start, 2 actual start, 3 planned end, 4 actual end. */
    type: z.enum(['1', '2', '3', '4']),
    date: isoDate,
  })
  .strict();

const sector = z
  .object({
    /** SectorVocabulary: 1 OECD DAC 5-digit purpose codes, 2 DAC 3-digit, … */
    vocabulary: z.string().regex(/^\d{1,2}$/, say('iatiCodeDigits')),
    code: z.string().regex(/^[A-Za-z0-9.-]+$/, say('iatiCodeDigits')),
    percentage: z.number().min(0).max(100).optional(),
  })
  .strict();

/** What the framework knows of a commune's place: its administrative code or gazetteer id, its point. */
const communeLocation = z
  .object({
    /** `location/@ref`, referred to by the results' `location ref`; the commune's code when left out. */
    ref: z.string().regex(/^\S+$/, say('code')).optional(),
    /** A gazetteer identifier (GeographicVocabulary: G1 GeoNames, A1 GAUL, …). */
    id: z.object({ vocabulary: text, code: text }).strict().optional(),
    administrative: z
      .object({ vocabulary: text, code: text, level: z.number().int().min(0).optional() })
      .strict()
      .optional(),
    point: z
      .object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) })
      .strict()
      .optional(),
  })
  .strict();

export const iatiSchema = z
  .object({
    $comment: z.string().optional(),
    /** ISO 639-1 language of the narratives (the workbooks' language). */
    language: z.string().regex(/^[a-z]{2}$/, say('iatiLanguage')),
    /** The activity's identifier: the reporting organisation's ref, a hyphen, the organisation's own id. */
    identifier: z.string().regex(/^\S+$/, say('iatiIdentifier')),
    reportingOrg: organisation.extend({ ref: orgRef }).strict(),
    participatingOrgs: z.array(participatingOrg).min(1),
    /** ActivityStatus: 1 pipeline, 2 implementation, 3 finalisation, 4 closed, 5 cancelled, 6 suspended. */
    activityStatus: z.enum(['1', '2', '3', '4', '5', '6']),
    activityDates: z.array(activityDate).min(1),
    /** ISO 3166-1 alpha-2 (Country codelist): ML for Mali. */
    recipientCountry: z.string().regex(/^[A-Z]{2}$/, say('iatiCountry')),
    sectors: z.array(sector).min(1),
    /** AidType (vocabulary 1), e.g. C01 project-type interventions. */
    defaultAidType: z
      .string()
      .regex(/^[A-Z]\d{2}$/, say('iatiCodeDigits'))
      .optional(),
    /** Where the communes sit: reach (GeographicLocationReach), exactness, class, then what is known of each. */
    locations: z
      .object({
        reach: z.enum(['1', '2']),
        exactness: z.enum(['1', '2']),
        class: z.enum(['1', '2', '3', '4']),
        communes: z.record(z.string(), communeLocation).default({}),
      })
      .strict(),
    /** BudgetType (1 original, 2 revised) and BudgetStatus (1 indicative, 2 committed) of the planned budget. */
    budget: z.object({ type: z.enum(['1', '2']), status: z.enum(['1', '2']) }).strict(),
    /**
     * The beneficiary categories as one more result: its title, its indicator's title, and the age band
     * (`dimension name="age"`) of each people category; the categories left out are said in the summary.
     */
    beneficiaries: z
      .object({ result: text, indicator: text, ages: z.record(z.string(), text) })
      .strict()
      .optional(),
  })
  .strict();

export type IatiSettings = z.infer<typeof iatiSchema>;
