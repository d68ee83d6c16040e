import type { Disaggregation, Section } from '../extract';
import type { BeneficiaryCategory, BudgetLine, Commune, Framework, Indicator } from '../framework/schema';
import type { Issue } from '../report';
import type { Timeliness } from '../timeliness';

/** An accepted report: one commune, one period, its numbers, and the file it came from. */
export interface AcceptedReport {
  source: string;
  commune: string;
  period: string;
  filledBy: string;
  entryDate: string | null;
  points: import('../extract').DataPoint[];
}

/** Figures of one commune for one item; `achieved` is null when the commune sent nothing (non reçu). */
export interface CommuneFigures {
  /** Target of the periods received (their own targets); null: one of them has none (« cible non définie »). */
  planned: number | null;
  achieved: number | null;
  women: number | null;
  men: number | null;
  /** Coordinators' comments, with their period when several periods are merged (worded by the writers). */
  comments: PeriodComment[];
}

/** A coordinator's comment; `period` is set when several periods are merged, to say which one it is about. */
export interface PeriodComment {
  period: string | null;
  text: string;
}

/** Achieved to date (every reporting period up to the end of the selection) against the end-of-project target. */
export interface ToDate {
  achieved: number | null;
  /** End-of-project target (of the communes that reported to date, on a total). */
  target: number;
}

/** One reporting period of an item's evolution: its own target, what was achieved, the cumulative to date. */
export interface PeriodPoint {
  period: string;
  /** The period's own target (for the project: every commune's); null: « cible non définie ». */
  target: number | null;
  /** The target of the communes that sent the period (the basis of its rate); null when none did or one has no target. */
  plannedReceived: number | null;
  achieved: number | null;
  /** To date at the end of the period: each commune's reports so far, by the item's rule (a missed period does not undo it). */
  cumulative: number | null;
}

/**
 * One item over the communes, for the selected periods. `total.planned` is the target of the
 * commune-periods received (the basis of every rate); the target of what was not received is
 * `missingPlanned`, shown apart, and `target` is the selection's (the sum of both). Targets are the
 * periods' own: null when a period has none (« cible non définie »), never the whole project's.
 */
export interface Line<T> {
  item: T;
  communes: Record<string, CommuneFigures>;
  total: CommuneFigures;
  target: number | null;
  missingPlanned: number | null;
  /** Cumulative to the end of the selection against the end-of-project target. */
  toDate: { communes: Record<string, ToDate>; total: ToDate; endTarget: number };
  /** Every reporting period of the framework, for the project and per commune. */
  evolution: { total: PeriodPoint[]; communes: Record<string, PeriodPoint[]> };
}

export interface CommuneStatus {
  commune: Commune;
  /** At least one period in scope was received: the commune counts in the totals and rates. */
  received: boolean;
  /** Every period in scope was received. */
  complete: boolean;
  /** Periods received for this commune, and the files they came from. */
  periods: string[];
  /** Periods in scope with no accepted file (missing, or every file for it refused). */
  missing: string[];
  sources: string[];
}

/** What became of one commune for one period in scope. */
export type ReceptionState = 'received' | 'rejected' | 'missing';

export interface CommunePeriod {
  commune: string;
  period: string;
  state: ReceptionState;
  /** The accepted file (received), or the refused files (rejected). */
  files: string[];
  entryDate: string | null;
  /** Days after the deadline (period end + grace days); null when unknown (no file, or no date of entry). */
  timeliness: Timeliness | null;
}

/** One row of the tidy `Données` table. */
export interface DataRow {
  period: string;
  periodStart: string;
  periodEnd: string;
  /** The commune's end-of-project target (Total rows); `planned` is the period's own. */
  endTarget: number | null;
  /** The indicator's baseline value (Total rows of indicators that have one). */
  baseline: number | null;
  baselineYear: number | null;
  commune: string;
  cercle: string;
  section: Section;
  code: string;
  label: string;
  disaggregation: Disaggregation;
  /** The commune's target for this period (Total rows); null when undefined (« cible non définie ») or on Femmes / Hommes rows. */
  planned: number | null;
  achieved: number | null;
  source: string;
}

export type SourceStatus = 'accepted' | 'rejected' | 'skipped' | 'duplicate';

/** Why a file was set aside (or how it counts): the merge's catalogues have one text per id, in each language. */
export const SOURCE_REASONS = [
  'accepted',
  'invalid',
  'unusable',
  'duplicate',
  'duplicateDiscarded',
  'identicalCopy',
  'otherPeriod',
  'toDateOnly',
  'lockFile',
  'hidden',
  'extension',
  'symlink',
  'special',
  'nameNotUtf8',
  'output',
  'ownWorkbook',
  'ownCsv',
  'ownFeedback',
] as const;
export type SourceReasonId = (typeof SOURCE_REASONS)[number];

export interface SourceRecord {
  file: string;
  /** Commune code(s) the file reports on; a CSV may hold several, joined by « , ». */
  commune: string | null;
  period: string | null;
  filledBy: string;
  entryDate: string | null;
  sha256: string | null;
  status: SourceStatus;
  /** Why it was rejected or skipped: a message id of the merge plus its parameters. */
  reason: { id: SourceReasonId; params: Record<string, string | number> } | null;
  errors: number;
  warnings: number;
}

/** An issue of an input file, with the file it belongs to. */
export interface FileIssue extends Issue {
  file: string;
}

export interface Consolidated {
  framework: Framework;
  /** Reporting periods in scope (those of any file read, or those of the requested period), in time order. */
  periods: string[];
  /** The period asked for (`--period`, possibly a year grouping quarters), or null: every period read. */
  selection: string | null;
  /** Reporting periods up to the end of the selection: what « cumul à date » covers. */
  toDatePeriods: string[];
  /** Earlier periods (before the selection) for which a commune has no accepted file: the cumulative lacks them. */
  toDateMissing: { period: string; communes: string[] }[];
  communes: CommuneStatus[];
  /** Every commune × period in scope, in framework order: received, refused or missing. */
  coverage: CommunePeriod[];
  /** Every commune sent every period in scope. */
  complete: boolean;
  indicators: Line<Indicator>[];
  budget: Line<BudgetLine>[];
  beneficiaries: Line<BeneficiaryCategory>[];
  data: DataRow[];
}

/** « GNZ, SAL » → « Gounzourèye, Soni Aliber » for people; unknown codes are shown as they are. */
const namesByFramework = new WeakMap<object, Map<string, string>>();

export function communeNames(
  codes: string | null,
  framework: { communes: readonly { code: string; name: string }[] },
): string {
  if (!codes) return '';
  let names = namesByFramework.get(framework);
  if (!names) namesByFramework.set(framework, (names = new Map(framework.communes.map((c) => [c.code, c.name]))));
  return codes
    .split(', ')
    .map((code) => names.get(code) ?? code)
    .join(', ');
}

/** How a consolidation names its periods: the period asked for (« 2024 »), else those read (« 2023, 2024 »), else « – ». */
export const selectionLabel = (model: Pick<Consolidated, 'selection' | 'periods'>): string =>
  model.selection ?? (model.periods.join(', ') || '–');
