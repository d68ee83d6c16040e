import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Framework } from '../../../core/framework/schema';
import { formatDate, type Lang } from '../../../core/messages';
import { FEEDBACK_TEXTS, feedbackText } from '../../../core/messages/feedback';
import type { Issue } from '../../../core/report';
import type { Tables } from '../../../core/tables';
import { timeliness } from '../../../core/timeliness';
import { writeAtomic } from '../atomic';
import { communeFromName, periodFromName } from '../../../core/file-name';
import { countsOf, feedbackRows, safeFileName, verdictOf, type Verdict } from './rows';
import { shortMessage } from './text';
import { feedbackWorkbook } from './workbook';

/** One file read by the merge or the validator, and what was found in it. */
export interface FeedbackSource {
  /** The file as the user knows it (its name in the input folder, or the path given). */
  file: string;
  /** Where to read it again for the read-only views. */
  path: string;
  /** The commune code and period the file claims, when they could be read. */
  commune: string | null;
  period: string | null;
  issues: Issue[];
  /** Why the file could not be read at all, in the reader's language; null when it was read. */
  unusable: string | null;
  /** The accepted file of the same commune and period, when this one was refused or set aside: not used, not to resend. */
  supersededBy?: string | null;
}

export interface FeedbackRequest {
  dir: string;
  framework: Framework;
  lang: Lang;
  sources: readonly FeedbackSource[];
  /** Commune-periods in scope that no file answered: each gets a reminder. */
  missing: readonly { commune: string; period: string }[];
  /** Periods of the run: last run's reminders for them are replaced. */
  periods: readonly string[];
  /** The file's values for its read-only views (the command reads them: writers do not read inputs). */
  readTables: (source: FeedbackSource) => Promise<Tables | null>;
  /** The command writing, said at the top of index.txt (the folder may hold an earlier run's files). */
  command?: 'merge' | 'validate';
  now?: Date;
}

/** What was written for one file: the `feedback` section of `--json`. */
export interface FeedbackEntry {
  file: string;
  commune: string | null;
  communeName: string | null;
  period: string | null;
  verdict: Verdict;
  /** The accepted file used instead of this one (verdict `superseded`), else null. */
  supersededBy: string | null;
  errors: number;
  warnings: number;
  noted: number;
  written: string[];
}

export interface FeedbackSummary {
  dir: string;
  entries: FeedbackEntry[];
  reminders: { commune: string; communeName: string; period: string; written: string[] }[];
  /** Files whose commune could not be told: listed in index.txt only. */
  orphans: { file: string; reason: string }[];
  index: string;
  /** Every file written, index.txt last. */
  files: string[];
}

/** What the last run wrote, kept in the folder so that a re-run replaces it (never anything else). */
const MANIFEST = '.retours.json';
interface Manifest {
  sources: Record<string, string[]>;
  reminders: Record<string, string[]>;
}

async function readManifest(dir: string): Promise<Manifest> {
  try {
    const parsed = JSON.parse(await fs.readFile(path.join(dir, MANIFEST), 'utf8')) as Partial<Manifest>;
    return { sources: parsed.sources ?? {}, reminders: parsed.reminders ?? {} };
  } catch {
    return { sources: {}, reminders: {} };
  }
}

const writeText = (file: string, text: string) =>
  writeAtomic(file, (temp) => fs.writeFile(temp, text.endsWith('\n') ? text : `${text}\n`, 'utf8'));

/** A name not yet taken this run: two files of the same commune and period get `retour_…_2`. */
function claim(taken: Set<string>, stem: string): string {
  let name = stem;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${stem}_${n}`;
  taken.add(name.toLowerCase());
  return name;
}

/**
 * Writes into `dir`, for every file read, `retour_<CODE>_<Commune>_<période>.xlsx` and `.txt`; for every
 * commune-period missing, `rappel_….txt`; then `index.txt`. Each file is written atomically; what the
 * last run wrote for the same files and periods, and is not written again, is removed.
 */
export async function writeFeedback(request: FeedbackRequest): Promise<FeedbackSummary> {
  const { framework, lang } = request;
  const dir = path.resolve(request.dir);
  const now = request.now ?? new Date();
  await fs.mkdir(dir, { recursive: true });
  const previous = await readManifest(dir);
  const manifest: Manifest = { sources: {}, reminders: {} };
  const taken = new Set<string>();
  const entries: FeedbackEntry[] = [];
  const orphans: FeedbackSummary['orphans'] = [];
  const unknownPeriod = FEEDBACK_TEXTS[lang].unknownPeriod;
  const communeOf = (code: string | null) => framework.communes.find((c) => c.code === code) ?? null;

  // Files read before unreadable ones, and superseded ones last, so that the file that counts for a
  // commune and period gets the plain name.
  const order = (s: FeedbackSource) => (s.supersededBy ? 2 : s.unusable === null ? 0 : 1);
  for (const source of [...request.sources].sort((a, b) => order(a) - order(b) || a.file.localeCompare(b.file))) {
    const commune = communeOf(source.commune) ?? communeOf(communeFromName(path.basename(source.file), framework));
    const period = source.period ?? periodFromName(path.basename(source.file), framework);
    const supersededBy = source.supersededBy ?? null;
    const rows = feedbackRows(source.issues, lang, supersededBy !== null);
    const verdict = verdictOf(source.issues, source.unusable !== null, supersededBy !== null);
    const counts = countsOf(source.issues);
    const entry: FeedbackEntry = {
      file: source.file,
      commune: commune?.code ?? null,
      communeName: commune?.name ?? null,
      period,
      verdict,
      supersededBy,
      ...counts,
      written: [],
    };
    entries.push(entry);
    if (!commune) {
      orphans.push({
        file: source.file,
        reason:
          source.unusable ?? feedbackText('verdictShort', verdict, {}, lang) + (rows[0] ? ` (${rows[0].message})` : ''),
      });
      continue;
    }
    const stem = claim(taken, safeFileName(`retour_${commune.code}_${commune.name}_${period ?? unknownPeriod}`));
    const workbook = `${stem}.xlsx`;
    const bytes = await feedbackWorkbook({
      lang,
      commune: `${commune.name} (${commune.code})`,
      period: period ?? unknownPeriod,
      file: path.basename(source.file),
      verdict,
      counts,
      rows,
      unusable: source.unusable,
      supersededBy,
      tables: await request.readTables(source),
      now,
    });
    await writeAtomic(path.join(dir, workbook), (temp) => fs.writeFile(temp, bytes));
    const message = shortMessage({
      lang,
      commune: commune.name,
      code: commune.code,
      period: period ?? unknownPeriod,
      file: path.basename(source.file),
      workbook,
      verdict,
      rows,
      unusable: source.unusable,
      supersededBy,
    });
    await writeText(path.join(dir, `${stem}.txt`), message);
    entry.written = [workbook, `${stem}.txt`];
    manifest.sources[source.file] = entry.written;
  }

  const reminders: FeedbackSummary['reminders'] = [];
  // A commune whose file came but could not be read was told so by its feedback: no reminder on top.
  const answered = (m: { commune: string; period: string }) =>
    entries.some((e) => e.written.length > 0 && e.commune === m.commune && (e.period ?? m.period) === m.period);
  for (const m of request.missing.filter((x) => !answered(x))) {
    const commune = communeOf(m.commune);
    const name = commune?.name ?? m.commune;
    const file = `${claim(taken, safeFileName(`rappel_${m.commune}_${name}_${m.period}`))}.txt`;
    const due = framework.periods.find((p) => p.label === m.period)
      ? timeliness(framework, m.period, '1900-01-01')?.deadline
      : undefined;
    const deadline = due ? feedbackText('reminder', 'deadline', { date: formatDate(due, lang) }, lang) : '';
    await writeText(
      path.join(dir, file),
      feedbackText('reminder', 'text', { commune: name, code: m.commune, period: m.period, deadline }, lang),
    );
    reminders.push({ commune: m.commune, communeName: name, period: m.period, written: [file] });
    manifest.reminders[`${m.commune}\u0000${m.period}`] = [file];
  }

  // Last run's files for the same inputs and periods, not written again, would pass for current: they go.
  const written = new Set([...Object.values(manifest.sources), ...Object.values(manifest.reminders)].flat());
  const stale = [
    ...Object.entries(previous.sources)
      .filter(([file]) => request.sources.some((s) => s.file === file))
      .flatMap(([, files]) => files),
    ...Object.entries(previous.reminders)
      .filter(([key]) => request.periods.includes(key.split('\u0000')[1] ?? ''))
      .flatMap(([, files]) => files),
  ].filter((f) => !written.has(f) && path.basename(f) === f);
  for (const f of stale) await fs.rm(path.join(dir, f), { force: true });
  // Kept: what the last run wrote for other files or periods, still in the folder.
  for (const [file, files] of Object.entries(previous.sources))
    if (!(file in manifest.sources) && !request.sources.some((s) => s.file === file)) manifest.sources[file] = files;
  for (const [key, files] of Object.entries(previous.reminders))
    if (!(key in manifest.reminders) && !request.periods.includes(key.split('\u0000')[1] ?? ''))
      manifest.reminders[key] = files;

  // What earlier runs wrote and is still here: index.txt lists it too, so that it tells the whole folder.
  const present = async (files: readonly string[]) => {
    const kept: string[] = [];
    for (const f of files) if (!written.has(f) && (await exists(path.join(dir, f)))) kept.push(f);
    return kept;
  };
  const earlier: string[] = [];
  for (const [file, files] of Object.entries(manifest.sources))
    if (!request.sources.some((s) => s.file === file)) {
      const kept = await present(files);
      if (kept.length > 0) earlier.push(feedbackText('index', 'earlierLine', { file, written: kept.join(', ') }, lang));
    }
  for (const [key, files] of Object.entries(manifest.reminders))
    if (!reminders.some((r) => `${r.commune}\u0000${r.period}` === key)) {
      const kept = await present(files);
      const [code = '', period = ''] = key.split('\u0000');
      const commune = `${communeOf(code)?.name ?? code} (${code})`;
      if (kept.length > 0)
        earlier.push(feedbackText('index', 'earlierReminder', { commune, period, written: kept.join(', ') }, lang));
    }

  const index = indexText(entries, reminders, orphans, earlier, request.command, lang, now);
  await writeText(path.join(dir, 'index.txt'), index);
  await writeText(path.join(dir, MANIFEST), JSON.stringify(manifest, null, 2));
  return {
    dir,
    entries,
    reminders,
    orphans,
    index: path.join(dir, 'index.txt'),
    files: [...entries.flatMap((e) => e.written), ...reminders.flatMap((r) => r.written), 'index.txt'],
  };
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

function indexText(
  entries: readonly FeedbackEntry[],
  reminders: FeedbackSummary['reminders'],
  orphans: FeedbackSummary['orphans'],
  earlier: readonly string[],
  command: FeedbackRequest['command'],
  lang: Lang,
  now: Date,
): string {
  const say = (id: keyof (typeof FEEDBACK_TEXTS)['fr']['index'], params = {}) =>
    feedbackText('index', id, params, lang);
  const none = say('none');
  const lines = [say('title', { date: formatDate(now.toISOString().slice(0, 10), lang) })];
  if (command) lines.push(say(earlier.length > 0 ? 'writtenByEarlier' : 'writtenBy', { command }));
  lines.push('');
  const sent = entries.filter((e) => e.written.length > 0);
  lines.push(say('sources', { count: sent.length }));
  for (const e of sent)
    lines.push(
      say('line', {
        commune: `${e.communeName} (${e.commune})`,
        period: e.period ?? FEEDBACK_TEXTS[lang].unknownPeriod,
        verdict: feedbackText('verdictShort', e.verdict, {}, lang),
        file: e.file,
        written: e.written.join(', '),
      }),
    );
  if (sent.length === 0) lines.push(none);
  lines.push('', say('reminders', { count: reminders.length }));
  for (const r of reminders)
    lines.push(
      say('reminderLine', {
        commune: `${r.communeName} (${r.commune})`,
        period: r.period,
        written: r.written.join(', '),
      }),
    );
  if (reminders.length === 0) lines.push(none);
  lines.push('', say('orphans', { count: orphans.length }));
  for (const o of orphans) lines.push(say('orphanLine', { file: o.file, reason: o.reason }));
  if (orphans.length === 0) lines.push(none);
  else lines.push(say('orphanDo'));
  if (earlier.length > 0) lines.push('', say('earlier', { count: earlier.length }), ...earlier);
  return lines.join('\n');
}
