import type { Lang } from '../../../core/messages';
import { feedbackText } from '../../../core/messages/feedback';
import type { FeedbackRow, Verdict } from './rows';

/** The short message's limit: it has to fit a WhatsApp message or two SMS, whole. */
export const MESSAGE_MAX = 600;

export interface MessageFacts {
  lang: Lang;
  commune: string;
  code: string;
  period: string;
  file: string;
  workbook: string;
  verdict: Verdict;
  rows: readonly FeedbackRow[];
  unusable: string | null;
  /** The accepted file of the same commune and period, when this one is superseded by it. */
  supersededBy?: string | null;
}

/** Cuts a text to `max` characters, on a word, with an ellipsis. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 1);
  const space = head.lastIndexOf(' ');
  return `${space > max / 2 ? head.slice(0, space) : head}…`;
}

/**
 * The message beside the workbook: commune, period, verdict, how many problems, the first three
 * cells to fix. Plain text, one paragraph, under MESSAGE_MAX characters.
 */
export function shortMessage(f: MessageFacts): string {
  const say = (id: Parameters<typeof feedbackText<'message'>>[1], params = {}) =>
    feedbackText('message', id, params, f.lang);
  const verdict = feedbackText('verdictShort', f.verdict, {}, f.lang);
  let text = say('body', { commune: f.commune, code: f.code, period: f.period, verdict });
  if (f.verdict === 'superseded') {
    // Not used, nothing to send again: never « renvoyez-le », the problems only for information.
    text += say('superseded', { file: cut(f.file, 120), accepted: cut(f.supersededBy ?? '', 120) });
    const listed = f.unusable !== null ? 0 : f.rows.filter((r) => !r.noted).length;
    if (listed > 0) text += say('forInfo', { count: listed, workbook: cut(f.workbook, 120) });
  } else if (f.unusable !== null) text += say('unusable', { file: cut(f.file, 120), reason: cut(f.unusable, 200) });
  else {
    const toFix = f.rows.filter((r) => !r.noted);
    if (toFix.length > 0) {
      text += say(f.verdict === 'refused' ? 'problems' : 'remarks', { count: toFix.length });
      const cells = toFix
        .slice(0, 3)
        .map((r) => (r.sheet !== null && r.address !== null ? `${r.sheet}!${r.address}` : (r.sheet ?? '')))
        .filter(Boolean);
      if (cells.length > 0) text += say('first', { cells: cells.join(', ') });
      text += say('more', { workbook: cut(f.workbook, 120) });
      if (f.verdict === 'refused') text += say('resend');
    } else text += say('thanks');
  }
  return cut(text, MESSAGE_MAX - 1);
}
