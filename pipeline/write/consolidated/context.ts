import type { Consolidated, FileIssue, PeriodComment, SourceRecord } from '../../../core/consolidate/model';
import { interpolate, type Lang } from '../../../core/messages';
import type { Labels } from './labels';

/** Everything a sheet writer needs: the consolidated data, the account of the inputs, the language. */
export interface WriteContext {
  model: Consolidated;
  sources: readonly SourceRecord[];
  issues: readonly FileIssue[];
  lang: Lang;
  labels: Labels;
  /** ISO timestamp of the run, shown on Synthèse and in the document properties. */
  generatedAt: string;
  footer: string;
  /** `--evolution-communes`: the Évolution sheet repeats its detail tables for each commune. */
  evolutionCommunes?: boolean;
}

/** A commune's comments in one cell: « 2023 : … | 2024 : … » / “2023: … | 2024: …” when several periods are merged. */
export function commentsText(comments: readonly PeriodComment[], ctx: Pick<WriteContext, 'labels' | 'lang'>): string {
  return comments
    .map((c) =>
      c.period === null ? c.text : interpolate(ctx.labels.periodComment, { period: c.period, text: c.text }, ctx.lang),
    )
    .join(' | ');
}
