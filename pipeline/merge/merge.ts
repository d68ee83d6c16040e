import { promises as fs } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { Consolidated, FileIssue, SourceRecord } from '../../core/consolidate/model';
import { consolidate } from '../../core/consolidate/consolidate';
import { cumulativeDecreases } from '../../core/consolidate/cumulative';
import { periodsInScope } from '../../core/consolidate/coverage';
import { reconcile, type Discrepancy } from '../../core/consolidate/reconcile';
import type { Framework } from '../../core/framework/schema';
import type { Lang } from '../../core/messages';
import { discoverInputs, type Discovered } from '../read/discover';
import { isOwnOutputFile } from '../read/own-output';
import { DEFAULT_LIMITS, type ZipLimits } from '../read/zip-guard';
import { writeAtomic } from '../write/atomic';
import { labelsFor } from '../write/consolidated/labels';
import { writeConsolidatedWorkbook } from '../write/consolidated/workbook';
import type { WriteIo } from '../write/consolidated/workbook';
import { writeTidyCsv } from '../write/csv';
import { sameFile, targetOf, writeFailureKind, type Target } from './output-target';
import { settleDuplicates } from './duplicates';
import { processInputs } from './pool';

export interface MergeOptions {
  input: string;
  output: string;
  framework: Framework;
  lang: Lang;
  period?: string;
  strict?: boolean;
  prefer?: 'latest';
  csv?: string;
  /** `--evolution-communes`: the Évolution sheet repeats its detail tables for each commune. */
  evolutionCommunes?: boolean;
  limits?: ZipLimits;
  now?: Date;
  /** Worker threads reading and checking the inputs; 1 reads them in this thread; `auto`: see autoWorkers. */
  workers?: number | 'auto';
  /** Called after each input file, for a progress line. */
  onProgress?: (done: number, total: number) => void;
  /** Where the workbook's bytes go (tests inject a full disk). */
  io?: WriteIo;
}

/** Why a merge could not produce anything (exit 2). */
export type MergeProblem =
  | { id: 'inputMissing'; params: { input: string } }
  | { id: 'outputIsInput'; params: { output: string } }
  | { id: 'outputNotAFile'; params: { output: string; kind: string } }
  | { id: 'csvIsOutput'; params: { csv: string } }
  | { id: 'writeFailed'; params: { output: string; why: string; code: string; stale: string } }
  | { id: 'nothingUsable'; params: { input: string } }
  | { id: 'reconciliation'; params: { count: number; first: string } };

export interface MergeResult {
  exitCode: 0 | 1 | 2;
  output: string | null;
  csv: string | null;
  sources: SourceRecord[];
  issues: FileIssue[];
  model: Consolidated | null;
  discrepancies: Discrepancy[];
  problem: MergeProblem | null;
  /** Set when --strict refused to write because some input was rejected. */
  refusedByStrict: boolean;
}

/**
 * Worker threads only where they pay: a worker costs ~0.4 s to start, and the main thread, which
 * writes the output, needs a core of its own. On a 2-core machine the bench measured one thread
 * faster and lighter than two (see README, Performance), so workers start from 3 cores and 16 files.
 */
export function autoWorkers(files: number, cores = availableParallelism()): number {
  return files >= 16 && cores >= 3 ? Math.min(cores - 1, 4) : 1;
}

/** Removes earlier outputs; returns those that could not be removed (they are no longer current). */
async function removeStale(files: readonly string[]): Promise<{ removed: boolean; left: string }> {
  const left: string[] = [];
  let removed = false;
  for (const file of files) {
    try {
      await fs.lstat(file);
    } catch {
      continue; // nothing there
    }
    try {
      await fs.rm(file, { force: true });
      removed = true;
    } catch {
      left.push(file);
    }
  }
  return { removed, left: left.join(', ') };
}

export async function merge(options: MergeOptions): Promise<MergeResult> {
  const base: MergeResult = {
    exitCode: 2,
    output: null,
    csv: null,
    sources: [],
    issues: [],
    model: null,
    discrepancies: [],
    problem: null,
    refusedByStrict: false,
  };
  const input = path.resolve(options.input);
  const output = path.resolve(options.output);
  try {
    if (!(await fs.stat(input)).isDirectory()) throw new Error('not a directory');
  } catch {
    return { ...base, problem: { id: 'inputMissing', params: { input: options.input } } };
  }
  // Only a regular file (or nothing) is ever replaced: never a device, a FIFO, a folder or a symlink
  // (renaming over /dev/null, or over a link to a field file, would lose it); --csv is not --output.
  const targets: Target[] = [await targetOf(output), ...(options.csv ? [await targetOf(options.csv)] : [])];
  for (const t of targets)
    if (t.notAFile) return { ...base, problem: { id: 'outputNotAFile', params: { output: t.path, kind: t.notAFile } } };
  if (
    targets[1] &&
    (targets[1].key === targets[0]!.key || (targets[1].inode !== null && targets[1].inode === targets[0]!.inode))
  )
    return { ...base, problem: { id: 'csvIsOutput', params: { csv: options.csv! } } };
  // Never write over an input: an output that is a file of the folder that would be read (same real
  // path, or same device and inode) is refused, unless that file is last run's output (recognised by
  // its content), which a re-run replaces.
  const limits = options.limits ?? DEFAULT_LIMITS;
  const discovered = await discoverInputs(input);
  const inputs: Discovered[] = [];
  for (const d of discovered) {
    const clash =
      d.kind === 'skip' ? false : (await Promise.all(targets.map((t) => sameFile(t, d.path)))).some(Boolean);
    if (!clash) inputs.push(d);
    // Last run's output about to be replaced: listed as such, never read as an input (whatever --max-size).
    else if (
      await isOwnOutputFile(d.path, d.kind === 'csv' ? 'csv' : 'workbook', {
        ...limits,
        maxFileBytes: Math.max(limits.maxFileBytes, DEFAULT_LIMITS.maxFileBytes),
      })
    )
      inputs.push({ path: d.path, name: d.name, kind: 'skip', reason: d.kind === 'csv' ? 'ownCsv' : 'ownWorkbook' });
    else return { ...base, problem: { id: 'outputIsInput', params: { output: d.name } } };
  }

  const inputOptions = { framework: options.framework, limits, period: options.period };
  const files = inputs.filter((d) => d.kind !== 'skip').length;
  const workers = options.workers === 'auto' ? autoWorkers(files) : (options.workers ?? 1);
  const outcomes = await processInputs(inputs, inputOptions, workers, options.onProgress);
  settleDuplicates(outcomes, options.framework, options.prefer);
  const reports = outcomes.flatMap((o) => o.reports);
  // Across files: a running total or a stock of a commune that goes down from one period to the next
  // (earlier periods' files are read with --period too). A warning on the later file, counted in its line.
  const decreases = cumulativeDecreases(options.framework, reports);
  const laterOf = (file: string) => decreases.filter((d) => d.file === file);
  const sources = outcomes.map((o) => ({ ...o.record, warnings: o.record.warnings + laterOf(o.record.file).length }));
  const issues = outcomes.flatMap((o) => [...o.issues, ...laterOf(o.record.file)]);
  const rejected = sources.some((s) => s.status === 'rejected');
  const result = { ...base, sources, issues };

  if (reports.length === 0) return { ...result, problem: { id: 'nothingUsable', params: { input: options.input } } };
  if (options.strict && rejected) return { ...result, exitCode: 1, refusedByStrict: true };

  const scope = periodsInScope(options.framework, reports, sources, options.period);
  const model = consolidate(options.framework, reports, {
    periods: scope,
    sources,
    ...(options.period ? { selection: options.period } : {}),
  });
  // The selection's figures are checked against its own reports (earlier ones feed the cumulative only).
  const discrepancies = reconcile(
    model,
    reports.filter((r) => scope.includes(r.period)),
  );
  if (discrepancies.length > 0) {
    const d = discrepancies[0]!;
    return {
      ...result,
      model,
      discrepancies,
      problem: {
        id: 'reconciliation',
        params: { count: discrepancies.length, first: `${d.section} ${d.code} ${d.what}: ${d.expected} ≠ ${d.found}` },
      },
    };
  }
  const now = options.now ?? new Date();
  const labels = labelsFor(options.lang);
  const context = {
    model,
    sources,
    issues,
    lang: options.lang,
    labels,
    generatedAt: now.toISOString(),
    footer: `${options.framework.project.shortTitle} – ${labels.synthesisTitle}`,
    evolutionCommunes: Boolean(options.evolutionCommunes),
  };
  // Streamed to a temporary file, charts and table added, then renamed into place.
  const csv = options.csv ? path.resolve(options.csv) : null;
  let writing = output;
  try {
    await writeAtomic(output, async (temp) => {
      await writeConsolidatedWorkbook(context, temp, options.io);
    });
    writing = csv ?? output;
    if (csv) await writeTidyCsv(csv, model.data);
  } catch (err) {
    // What a failed write leaves must not pass for this month's: the files it should have replaced go.
    const { removed, left } = await removeStale(writing === output ? [output, ...(csv ? [csv] : [])] : [csv!]);
    // A CSV that failed after the workbook was written: the workbook is current and is said so.
    return {
      ...result,
      output: writing === output ? null : output,
      model,
      discrepancies,
      problem: {
        id: 'writeFailed',
        params: {
          output: writing,
          why: writeFailureKind(err),
          code: (err as NodeJS.ErrnoException).code ?? 'EIO',
          stale: left || (removed ? 'removed' : ''),
        },
      },
    };
  }
  return {
    ...result,
    exitCode: rejected ? 1 : 0,
    output,
    csv: options.csv ? path.resolve(options.csv) : null,
    model,
    discrepancies,
  };
}
