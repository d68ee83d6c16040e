import path from 'node:path';
import { placeholdersIn } from '../../core/exports/placeholders';
import type { Framework } from '../../core/framework/schema';
import type { Lang } from '../../core/messages';
import { dhis2Text } from '../../core/messages/exports-dhis2';
import { iatiText } from '../../core/messages/exports-iati';
import type { MergeResult } from '../merge/merge';
import type { ZipLimits } from '../read/zip-guard';
import { prepareDhis2, runDhis2, type Dhis2Report, type Dhis2Request } from './dhis2';
import { checkFeedbackDir, feedbackJson, runFeedback } from './feedback';
import { feedbackOfMerge } from './feedback-sources';
import { checkIatiTarget, exportIati, type IatiSummary } from './iati';
import { writeFailureWhy } from '../write/write-failure';

/**
 * What `merge` writes besides the consolidated workbook, each on request: the feedback to every commune
 * (`--feedback`), the DHIS2 payload (`--dhis2`) and the IATI file (`--iati`).
 */
export interface ExtrasOptions {
  input: string;
  output: string;
  csv?: string;
  framework: string;
  feedback?: string;
  dhis2?: string;
  dhis2Mapping?: string;
  iati?: string;
}

export interface ExtrasPlan {
  options: ExtrasOptions;
  dhis2: Dhis2Request | null;
}

/** Checked before the merge reads anything: a bad destination or mapping stops the run with nothing written. */
export async function planExtras(options: ExtrasOptions, framework: Framework, lang: Lang): Promise<ExtrasPlan> {
  if (options.feedback) await checkFeedbackDir(options.feedback, { folder: options.input }, lang);
  const dhis2 = await prepareDhis2(options, framework, lang);
  if (options.iati !== undefined)
    await checkIatiTarget(
      options.iati,
      framework,
      options.framework,
      [options.output, options.csv],
      lang,
      options.input,
    );
  return { options, dhis2 };
}

export interface ExtrasDone {
  /** The `feedback`, `dhis2` and `iati` keys of `--json` (null: not asked, or nothing to export). */
  /** `notices`: warnings on what was written (example identifiers still in an export). */
  json: { feedback: unknown; dhis2: Dhis2Report | null; iati: IatiSummary | null; notices: string[] };
  /** One line per extra that could not be written (the run then exits 2); a failed feedback said its own. */
  failures: string[];
  failed: boolean;
}

/** After the merge: the extras from what was read; only accepted data goes into the exports. */
export async function writeExtras(
  plan: ExtrasPlan,
  result: MergeResult,
  framework: Framework,
  limits: ZipLimits,
  lang: Lang,
): Promise<ExtrasDone> {
  const { options } = plan;
  const failures: string[] = [];
  // Every file read gets its feedback, even when the consolidation itself was refused.
  const wantsFeedback = Boolean(options.feedback) && result.sources.length > 0;
  const feedback = wantsFeedback
    ? await runFeedback(
        {
          ...feedbackOfMerge(result, options.input, { dir: options.feedback!, framework, lang, limits }),
          command: 'merge',
        },
        lang,
      )
    : null;
  const dhis2 = plan.dhis2 ? await runDhis2(plan.dhis2, result, lang) : null;
  // An export the merge prevented (no workbook written) is said by the merge's own problem line.
  if (dhis2?.failed && dhis2.error) failures.push(dhis2.error);
  let iati: IatiSummary | null = null;
  if (options.iati !== undefined) {
    try {
      iati = await exportIati(options.iati, result, framework, lang);
    } catch (err) {
      const target = path.resolve(options.iati);
      const why = await writeFailureWhy(err, { target, folder: path.dirname(target) }, '--iati', lang);
      failures.push(iatiText('iatiWriteFailed', { file: options.iati, why }, lang));
    }
  }
  const notices: string[] = [];
  const iatiIds = iati ? placeholdersIn(framework.iati) : [];
  if (iatiIds.length > 0) notices.push(iatiText('placeholderIds', { ids: iatiIds.join(', ') }, lang));
  const dhis2Ids = dhis2 && !dhis2.error && plan.dhis2 ? placeholdersIn(plan.dhis2.mapping) : [];
  if (dhis2Ids.length > 0)
    notices.push(dhis2Text('placeholderIds', { count: dhis2Ids.length, example: dhis2Ids[0]! }, lang));
  return {
    json: { feedback: feedbackJson(feedback), dhis2, iati, notices },
    failures,
    failed: failures.length > 0 || (wantsFeedback && !feedback),
  };
}
