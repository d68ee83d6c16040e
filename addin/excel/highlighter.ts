import type { Issue, Severity } from '../../core/report';
import { SEVERITY_FILLS } from '../../core/severity-fills';

/**
 * Marks the cells of the issues with a fill colour by severity, and puts back exactly the fill each
 * cell had before. The fill is read before it is changed (one sync), then written (one sync).
 *
 * Limits of ExcelApi 1.2: only the solid fill colour can be read. A cell without fill reports
 * `#FFFFFF`, so white is restored as « no fill » (they look the same); a pattern or gradient fill
 * comes back as a solid fill of its main colour.
 */

export interface Mark {
  sheet: string;
  address: string;
  severity: Severity;
}

/** A cell's fill before it was highlighted; `color: null` is « no fill ». */
export interface SavedFill {
  sheet: string;
  address: string;
  color: string | null;
}

const isSavedFill = (x: unknown): x is SavedFill => {
  if (typeof x !== 'object' || x === null) return false;
  const { sheet, address, color } = x as Record<string, unknown>;
  return typeof sheet === 'string' && typeof address === 'string' && (typeof color === 'string' || color === null);
};

/** Fills saved in the document's settings, which travel with the workbook: entries not of their shape are ignored. */
export function parseSavedFills(json: unknown): SavedFill[] {
  if (typeof json !== 'string') return [];
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter(isSavedFill) : [];
  } catch {
    return [];
  }
}

/** Where the original fills are kept between « Surligner » and « Effacer les surlignages ». */
export interface HighlightStore {
  load(): SavedFill[];
  save(fills: SavedFill[]): void;
}

// The colours are the core's: the feedback workbooks fill the cells at fault the same way.
export { SEVERITY_FILLS };

/** What Excel reports for a cell without any fill. */
export const NO_FILL = '#FFFFFF';

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
const key = (sheet: string, address: string) => `${sheet}\u0000${address.toUpperCase()}`;

/** One mark per cell, the most severe issue winning. Issues without a cell are skipped. */
export function marksFromIssues(issues: readonly Issue[], sheets?: ReadonlySet<string>): Mark[] {
  const byCell = new Map<string, Mark>();
  for (const issue of issues) {
    if (!issue.sheet || !issue.address) continue;
    if (sheets && !sheets.has(issue.sheet)) continue;
    const k = key(issue.sheet, issue.address);
    const old = byCell.get(k);
    if (!old || RANK[issue.severity] > RANK[old.severity])
      byCell.set(k, { sheet: issue.sheet, address: issue.address.toUpperCase(), severity: issue.severity });
  }
  return [...byCell.values()];
}

export function memoryStore(initial: SavedFill[] = []): HighlightStore {
  let fills = initial.map((f) => ({ ...f }));
  return {
    load: () => fills.map((f) => ({ ...f })),
    save: (next) => {
      fills = next.map((f) => ({ ...f }));
    },
  };
}

interface Protection {
  worksheet: Excel.Worksheet;
  protection: Excel.WorksheetProtection;
}

/** Loads each sheet's protection, so that the write batch can lift and restore it around the fills. */
function loadProtections(context: Excel.RequestContext, sheets: Iterable<string>): Map<string, Protection> {
  const out = new Map<string, Protection>();
  for (const name of sheets) {
    const worksheet = context.workbook.worksheets.getItem(name);
    // Navigation to a child object, not a read: the linter cannot tell the two apart.
    // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read
    const protection = worksheet.protection;
    protection.load('protected,options');
    out.set(name, { worksheet, protection });
  }
  return out;
}

/**
 * Writes `change(sheet)` for each sheet with its protection lifted (templates protect their sheets
 * without a password; a sheet protected with a password makes the batch fail).
 */
function withoutProtection(
  protections: Map<string, Protection>,
  change: (sheet: string, worksheet: Excel.Worksheet) => void,
): void {
  for (const [sheet, { worksheet, protection }] of protections) {
    const locked = protection.protected;
    if (locked) protection.unprotect();
    change(sheet, worksheet);
    if (locked) protection.protect(protection.options);
  }
}

function fillColor(color: string | null | undefined): string | null {
  if (!color) return null;
  return color.toUpperCase() === NO_FILL ? null : color.toUpperCase();
}

/**
 * Highlights the marked cells. Cells highlighted earlier and no longer marked get their fill back;
 * the original fill of a cell already highlighted is kept from the first time. Two syncs.
 */
export async function highlight(
  context: Excel.RequestContext,
  marks: readonly Mark[],
  store: HighlightStore,
  existingSheets?: ReadonlySet<string>,
): Promise<number> {
  // A sheet deleted or renamed since cannot be restored: its fills are forgotten.
  const saved = store.load().filter((f) => !existingSheets || existingSheets.has(f.sheet));
  const savedKeys = new Set(saved.map((f) => key(f.sheet, f.address)));
  const markKeys = new Set(marks.map((m) => key(m.sheet, m.address)));
  const stale = saved.filter((f) => !markKeys.has(key(f.sheet, f.address)));
  const sheets = new Set([...marks.map((m) => m.sheet), ...stale.map((f) => f.sheet)]);
  if (sheets.size === 0) {
    store.save([]);
    return 0;
  }

  const protections = loadProtections(context, sheets);
  const fresh = marks
    .filter((m) => !savedKeys.has(key(m.sheet, m.address)))
    .map((mark) => {
      const fill = protections.get(mark.sheet)!.worksheet.getRange(mark.address).format.fill;
      fill.load('color');
      return { mark, fill };
    });
  await context.sync();

  const next = saved.filter((f) => markKeys.has(key(f.sheet, f.address)));
  for (const { mark, fill } of fresh)
    next.push({ sheet: mark.sheet, address: mark.address, color: fillColor(fill.color) });
  withoutProtection(protections, (sheet, worksheet) => {
    for (const f of stale) if (f.sheet === sheet) restore(worksheet.getRange(f.address).format.fill, f.color);
    for (const m of marks)
      if (m.sheet === sheet) worksheet.getRange(m.address).format.fill.color = SEVERITY_FILLS[m.severity];
  });
  await context.sync();
  store.save(next);
  return marks.length;
}

function restore(fill: Excel.RangeFill, color: string | null): void {
  if (color === null) fill.clear();
  else fill.color = color;
}

/** Puts back every remembered fill. Two syncs (protection, then the fills). */
export async function clearHighlights(
  context: Excel.RequestContext,
  store: HighlightStore,
  existingSheets?: ReadonlySet<string>,
): Promise<number> {
  const saved = store.load();
  // A sheet deleted or renamed since cannot be restored: its fills are forgotten.
  const fills = existingSheets ? saved.filter((f) => existingSheets.has(f.sheet)) : saved;
  if (fills.length === 0) {
    store.save([]);
    return 0;
  }
  const protections = loadProtections(context, new Set(fills.map((f) => f.sheet)));
  await context.sync();
  withoutProtection(protections, (sheet, worksheet) => {
    for (const f of fills) if (f.sheet === sheet) restore(worksheet.getRange(f.address).format.fill, f.color);
  });
  await context.sync();
  store.save([]);
  return fills.length;
}
