import { promises as fs } from 'node:fs';
import path from 'node:path';
import { communeNames } from '../../core/consolidate/model';
import type { Dhis2Mapping } from '../../core/exports/dhis2-mapping';
import { DISAGGREGATION_KEYS } from '../../core/exports/dhis2-mapping';
import {
  dhis2Export,
  type LeftOutFile,
  type NotReceived,
  type NotWritten,
  type NotWrittenReason,
} from '../../core/exports/dhis2-values';
import type { Framework } from '../../core/framework/schema';
import type { Lang } from '../../core/messages';
import { dhis2Text } from '../../core/messages/exports-dhis2';
import { MERGE_TEXTS } from '../../core/messages/merge';
import type { MergeResult } from '../merge/merge';
import { isInsideFolder, sameFile, targetOf } from '../merge/output-target';
import { loadDhis2Mapping } from '../read/dhis2-mapping';
import { dhis2CsvPath, writeDhis2 } from '../write/dhis2/write';
import { fileOnPath, writeFailureWhy } from '../write/write-failure';

/** `--dhis2 FILE.json --dhis2-mapping MAPPING.json`, checked before anything is read. */
export interface Dhis2Request {
  file: string;
  mapping: Dhis2Mapping;
}

/** What the export did: the `dhis2` key of `--json`, and the console's lines. */
export interface Dhis2Report {
  file: string;
  csv: string;
  written: number;
  notWritten: (NotWritten & { reasonText: string })[];
  notWrittenByReason: Partial<Record<NotWrittenReason, number>>;
  leftOutFiles: (LeftOutFile & { reasonText: string })[];
  notReceived: NotReceived[];
  /** Set when the files could not be written (exit 2), or when the merge produced nothing to send. */
  error: string | null;
  /** The files could not be written: the error is said once, on stderr with the run's other failures. */
  failed?: boolean;
}

const LISTED_UP_TO = 30;

/**
 * The options checked and the mapping read, before the merge: a bad mapping or a target that would
 * replace another file fails at once, on one line, with nothing written. Null without `--dhis2`.
 */
export async function prepareDhis2(
  options: { dhis2?: string; dhis2Mapping?: string; input: string; output: string; csv?: string; framework: string },
  framework: Framework,
  lang: Lang,
): Promise<Dhis2Request | null> {
  if (options.dhis2 === undefined) {
    if (options.dhis2Mapping !== undefined) throw new Error(dhis2Text('needsDhis2', {}, lang));
    return null;
  }
  const file = path.resolve(options.dhis2);
  if (!/\.json$/i.test(file)) throw new Error(dhis2Text('notJsonName', { value: options.dhis2 }, lang));
  if (options.dhis2Mapping === undefined) throw new Error(dhis2Text('needsMapping', {}, lang));
  const blocker = await fileOnPath(path.dirname(file));
  if (blocker) throw new Error(dhis2Text('fileOnPath', { value: options.dhis2, blocker }, lang));
  const others = [options.output, options.csv, options.dhis2Mapping, options.framework].filter(
    (f): f is string => f !== undefined,
  );
  for (const out of [file, dhis2CsvPath(file)]) {
    const target = await targetOf(out);
    if (target.notAFile)
      throw new Error(dhis2Text('notAFile', { value: out, kind: MERGE_TEXTS[lang].kinds[target.notAFile] }, lang));
    // Inside the folder read, the next run would read the CSV as an input (or the JSON would sit among them).
    if (await isInsideFolder(target, options.input))
      throw new Error(dhis2Text('insideInput', { value: out, input: options.input }, lang));
    for (const other of others)
      if (await sameFile(target, other)) throw new Error(dhis2Text('clash', { value: out, other }, lang));
  }
  return { file, mapping: loadDhis2Mapping(options.dhis2Mapping, framework, lang) };
}

/** After the merge: the accepted numbers of the consolidation, mapped and written; what was not, listed. */
export async function runDhis2(request: Dhis2Request, result: MergeResult, lang: Lang): Promise<Dhis2Report> {
  const empty: Dhis2Report = {
    file: request.file,
    csv: dhis2CsvPath(request.file),
    written: 0,
    notWritten: [],
    notWrittenByReason: {},
    leftOutFiles: [],
    notReceived: [],
    error: null,
  };
  // No workbook written (nothing usable, --strict, a failed reconciliation): nothing is sent either.
  if (!result.model || result.output === null) return { ...empty, error: dhis2Text('notWrittenForProblem', {}, lang) };
  const exported = dhis2Export(result.model, request.mapping, result.sources);
  const byReason: Dhis2Report['notWrittenByReason'] = {};
  for (const n of exported.notWritten) byReason[n.reason] = (byReason[n.reason] ?? 0) + 1;
  const report: Dhis2Report = {
    ...empty,
    written: exported.dataValues.length,
    notWritten: exported.notWritten.map((n) => ({ ...n, reasonText: dhis2Text(n.reason, {}, lang) })),
    notWrittenByReason: byReason,
    leftOutFiles: exported.leftOutFiles.map((f) => ({ ...f, reasonText: dhis2Text(f.reason, {}, lang) })),
    notReceived: exported.notReceived,
  };
  try {
    await writeDhis2(request.file, exported.dataValues);
    return report;
  } catch (err) {
    // Half an export (the JSON new, the CSV last run's) must not pass for this run's: both go.
    for (const f of [report.file, report.csv]) await fs.rm(f, { force: true }).catch(() => undefined);
    const why = await writeFailureWhy(
      err,
      { target: request.file, folder: path.dirname(request.file) },
      '--dhis2',
      lang,
    );
    return { ...report, written: 0, error: dhis2Text('writeFailed', { file: request.file, why }, lang), failed: true };
  }
}

/** The console's account: how many values were written, which were not and why, the files left out. */
export function dhis2Lines(report: Dhis2Report, framework: Framework, lang: Lang): string[] {
  if (report.failed) return [];
  if (report.error) return [report.error];
  const say = (id: Parameters<typeof dhis2Text>[0], params: Parameters<typeof dhis2Text>[1] = {}) =>
    dhis2Text(id, params, lang);
  const list = (items: readonly string[]) =>
    items.slice(0, LISTED_UP_TO).join(say('listSeparator')) +
    (items.length > LISTED_UP_TO ? ` … (+${items.length - LISTED_UP_TO})` : '');
  const lines = [
    say(report.written > 0 ? 'written' : 'writtenNone', {
      written: report.written,
      file: report.file,
      csv: report.csv,
    }),
  ];
  if (report.notWritten.length > 0) {
    const counts = Object.entries(report.notWrittenByReason).map(([reason, count]) =>
      say('notWrittenItem', { reason: say(reason as NotWrittenReason), count }),
    );
    lines.push(say('notWritten', { count: report.notWritten.length, list: list(counts) }));
    const unmapped = new Set<string>();
    for (const n of report.notWritten)
      if (n.reason === 'itemNotMapped') unmapped.add(`${n.code} ${DISAGGREGATION_KEYS[n.disaggregation]}`);
      else if (n.reason === 'communeNotMapped') unmapped.add(communeNames(n.commune, framework));
      else if (n.reason === 'periodNotMapped') unmapped.add(n.period);
    if (unmapped.size > 0) lines.push(say('itemsNotMapped', { list: list([...unmapped]) }));
  }
  if (report.leftOutFiles.length > 0)
    lines.push(
      say('leftOutFiles', {
        list: list(report.leftOutFiles.map((f) => say('leftOutFile', { file: f.file, reason: f.reasonText }))),
      }),
    );
  if (report.notReceived.length > 0)
    lines.push(
      say('notReceived', {
        list: list(report.notReceived.map((c) => `${communeNames(c.commune, framework)} ${c.period}`)),
      }),
    );
  return lines;
}
