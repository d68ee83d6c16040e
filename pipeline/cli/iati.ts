import path from 'node:path';
import type { Framework } from '../../core/framework/schema';
import type { Lang } from '../../core/messages';
import { iatiText } from '../../core/messages/exports-iati';
import type { MergeResult } from '../merge/merge';
import { isInsideFolder, targetOf } from '../merge/output-target';
import type { IatiCounts, IatiLeftOut } from '../write/iati/activity';
import { writeIatiFile } from '../write/iati/write';
import { fileOnPath } from '../write/write-failure';

/** What `--iati` wrote, for the console and `--json` (key `iati`). */
export interface IatiSummary extends IatiCounts {
  file: string;
  leftOut: (IatiLeftOut & { text: string })[];
}

/**
 * `--iati FILE.xml`, checked before anything is read: an .xml path, a framework with its `iati` block,
 * a regular file (or nothing) that is none of the other outputs. Throws the one-line reason (exit 2).
 */
export async function checkIatiTarget(
  file: string,
  framework: Framework,
  frameworkFile: string,
  others: readonly (string | undefined)[],
  lang: Lang,
  input?: string,
): Promise<void> {
  if (!/\.xml$/i.test(file)) throw new Error(iatiText('iatiExtension', { value: file }, lang));
  if (!framework.iati) throw new Error(iatiText('noIatiBlock', { framework: frameworkFile }, lang));
  const target = await targetOf(file);
  if (target.notAFile) throw new Error(iatiText('iatiNotAFile', { value: file, kind: target.notAFile }, lang));
  const blocker = await fileOnPath(path.dirname(target.path));
  if (blocker) throw new Error(iatiText('iatiFileOnPath', { value: file, blocker }, lang));
  for (const other of others)
    if (other && (await targetOf(other)).key === target.key)
      throw new Error(iatiText('iatiIsOutput', { value: file }, lang));
  // Inside the folder read, the file would sit among the reports of the next run.
  if (input !== undefined && (await isInsideFolder(target, input)))
    throw new Error(iatiText('iatiInsideInput', { value: file, input }, lang));
}

/** Writes the IATI file of a merge that wrote its workbook; null when the merge produced nothing. */
export async function exportIati(
  file: string,
  result: MergeResult,
  framework: Framework,
  lang: Lang,
  now: Date = new Date(),
): Promise<IatiSummary | null> {
  if (!result.model || !result.output || !framework.iati) return null;
  const resolved = path.resolve(file);
  const doc = await writeIatiFile(resolved, result.model, result.sources, framework.iati, now);
  return {
    file: resolved,
    ...doc.counts,
    leftOut: doc.leftOut.map((l) => ({ ...l, text: iatiText(l.id, l.params, lang) })),
  };
}

/** The console's account of the export: what was written, then what was left out and why. */
export function iatiLines(summary: IatiSummary, lang: Lang): string[] {
  return [
    iatiText(
      'written',
      {
        file: summary.file,
        results: summary.results,
        indicators: summary.indicators,
        periods: summary.periods,
        values: summary.values,
        budgets: summary.budgets,
        transactions: summary.transactions,
      },
      lang,
    ),
    summary.leftOut.length === 0
      ? iatiText('leftOutNone', {}, lang)
      : iatiText(
          'leftOut',
          {
            count: summary.leftOut.length,
            list: summary.leftOut.map((l) => l.text).join(iatiText('listSeparator', {}, lang)),
          },
          lang,
        ),
  ];
}
