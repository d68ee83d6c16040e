import type { Consolidated, SourceRecord } from '../../../core/consolidate/model';
import type { IatiSettings } from '../../../core/framework/iati';
import { iatiContext, type IatiContext, type IatiCounts, type IatiLeftOut } from './context';
import { budgets, expenditures } from './finance';
import { beneficiaryResult, indicatorResults } from './results';
import { el, serialise, type XmlElement } from './xml';

export type { IatiCounts, IatiLeftOut, IatiLeftOutId } from './context';

/**
 * The consolidated model as one IATI 2.03 activity (README, « Export IATI »). Only accepted data are
 * written: what is missing (a commune's period not received, a file refused, a period without target…)
 * is listed in `leftOut`, never filled in. Everything that is not data comes from the framework's `iati`
 * block; the mapping of the model onto `result` is the README's table (« Architecture »).
 */

export interface IatiDocument {
  xml: string;
  counts: IatiCounts;
  leftOut: IatiLeftOut[];
}

/** IATI wants `xs:dateTime` without milliseconds. */
const dateTime = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;

/** A `location` per commune: its name, and what the framework knows of its place. */
function locations(ctx: IatiContext): XmlElement[] {
  const { iati } = ctx;
  return ctx.fw.communes.map((c) => {
    const known = iati.locations.communes[c.code];
    return el('location', { ref: ctx.locationRef(c.code) }, [
      el('location-reach', { code: iati.locations.reach }),
      known?.id ? el('location-id', { vocabulary: known.id.vocabulary, code: known.id.code }) : null,
      el('name', {}, [ctx.narrative(c.name)]),
      el('description', {}, [ctx.narrative(ctx.say('communeDescription', { commune: c.name, cercle: c.cercle }))]),
      known?.administrative
        ? el('administrative', {
            vocabulary: known.administrative.vocabulary,
            code: known.administrative.code,
            level: known.administrative.level,
          })
        : null,
      known?.point
        ? el('point', { srsName: 'http://www.opengis.net/def/crs/EPSG/0/4326' }, [
            el('pos', {}, [], `${known.point.latitude} ${known.point.longitude}`),
          ])
        : null,
      el('exactness', { code: iati.locations.exactness }),
      el('location-class', { code: iati.locations.class }),
    ]);
  });
}

export function buildIati(
  model: Consolidated,
  sources: readonly SourceRecord[],
  iati: IatiSettings,
  now: Date,
): IatiDocument {
  const ctx = iatiContext(model, sources, iati, now);
  const { fw, narrative } = ctx;
  const project = fw.project;
  // In the schema's order: identification, organisations, status and dates, places, sectors, money, results.
  const activity = el(
    'iati-activity',
    {
      'last-updated-datetime': dateTime(now),
      'xml:lang': iati.language,
      'default-currency': project.currency,
      hierarchy: 1,
    },
    [
      el('iati-identifier', {}, [], iati.identifier),
      el('reporting-org', { ref: iati.reportingOrg.ref, type: iati.reportingOrg.type }, [
        narrative(iati.reportingOrg.name),
      ]),
      el('title', {}, [narrative(project.title, true)]),
      el('description', { type: '1' }, [
        narrative(
          ctx.say('description', {
            title: project.shortTitle,
            region: project.region,
            country: project.country,
            communes: fw.communes.map((c) => c.name).join(', '),
            implementer: project.implementer,
          }),
          true,
        ),
      ]),
      ...iati.participatingOrgs.map((o) =>
        el('participating-org', { ref: o.ref, type: o.type, role: o.role }, [narrative(o.name)]),
      ),
      el('activity-status', { code: iati.activityStatus }),
      ...iati.activityDates.map((d) => el('activity-date', { type: d.type, 'iso-date': d.date })),
      el('recipient-country', { code: iati.recipientCountry, percentage: 100 }),
      ...locations(ctx),
      ...iati.sectors.map((s) => el('sector', { vocabulary: s.vocabulary, code: s.code, percentage: s.percentage })),
      iati.defaultAidType ? el('default-aid-type', { code: iati.defaultAidType, vocabulary: '1' }) : null,
      ...budgets(ctx),
      ...expenditures(ctx),
      ...indicatorResults(ctx),
      beneficiaryResult(ctx),
    ],
  );
  return {
    xml: serialise(el('iati-activities', { version: '2.03', 'generated-datetime': dateTime(now) }, [activity])),
    counts: ctx.counts,
    leftOut: ctx.leftOut,
  };
}
