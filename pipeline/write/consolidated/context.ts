import type { Consolidated, FileIssue, SourceRecord } from '../../../core/consolidate/model';
import type { Lang } from '../../../core/messages';
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
