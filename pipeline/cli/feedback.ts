import { CommanderError } from 'commander';
import type { Lang } from '../../core/messages';
import { feedbackText } from '../../core/messages/feedback';
import { feedbackDirProblem } from '../write/feedback/target';
import { writeFailureWhy } from '../write/write-failure';
import { writeFeedback, type FeedbackRequest, type FeedbackSummary } from '../write/feedback/write';
import { EXIT, errorLine } from './common';
import { printable } from './printable';

/** `--feedback DIR` of `merge` and `validate`: its help line. */
export const feedbackOption = (lang: Lang): string => feedbackText('cli', 'option', {}, lang);

/** Refuses a `--feedback DIR` that would land among the inputs, before anything is read or written (exit 2). */
export async function checkFeedbackDir(
  dir: string,
  inputs: { folder?: string; files?: readonly string[] },
  lang: Lang,
): Promise<void> {
  const problem = await feedbackDirProblem(dir, inputs, lang);
  if (problem) throw new CommanderError(EXIT.unusable, 'feedback.dir', problem);
}

/**
 * Writes the feedback and says where, on stderr (stdout stays the report, or the JSON). A failure is
 * said in one line and makes the exit code 2; null then.
 */
export async function runFeedback(request: FeedbackRequest, lang: Lang): Promise<FeedbackSummary | null> {
  try {
    const summary = await writeFeedback(request);
    process.stderr.write(
      `${printable(feedbackText('cli', 'written', { count: summary.files.length, dir: summary.dir }, lang))}\n`,
    );
    return summary;
  } catch (err) {
    // A file-system failure in the user's words; anything else (a bug) as it was raised.
    const why = (err as NodeJS.ErrnoException | undefined)?.code
      ? await writeFailureWhy(err, { target: request.dir, folder: request.dir }, '--feedback', lang)
      : (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
    process.stderr.write(
      `${printable(errorLine(feedbackText('cli', 'failed', { dir: request.dir, why }, lang), lang))}\n`,
    );
    return null;
  }
}

/** The `feedback` section of `--json`: what was written for whom. */
export function feedbackJson(summary: FeedbackSummary | null): unknown {
  if (!summary) return null;
  return {
    dir: summary.dir,
    index: summary.index,
    files: summary.files,
    sources: summary.entries,
    reminders: summary.reminders,
    withoutCommune: summary.orphans,
  };
}
