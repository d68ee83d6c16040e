import type { TemplatePlan } from '../../core/layout/plan';
import type { Tables } from '../../core/tables';
import { clearHighlights, highlight, parseSavedFills, type HighlightStore, type Mark } from './highlighter';
import { readTables } from './reader';
import { LIVE_EXCEL_API } from './requirements';
import { writeTemplate, writerFeatures } from './template-writer';

/**
 * Everything the task pane asks of Excel, behind one small interface so that the pane's logic does not
 * touch Office.js (and Office.js code does not touch the DOM).
 */
export interface WorkbookHost {
  /** ExcelApi version check (`1.2`, `1.7` …). */
  supports(version: string): boolean;
  read(): Promise<Tables>;
  select(sheet: string, address: string | null): Promise<void>;
  highlight(marks: readonly Mark[], existingSheets: ReadonlySet<string>): Promise<number>;
  clearHighlights(existingSheets: ReadonlySet<string>): Promise<number>;
  hasHighlights(): boolean;
  createTemplate(plan: TemplatePlan, removeSheets: readonly string[]): Promise<void>;
  /**
   * Calls `onChange` after the user edits one of these sheets (ExcelApi 1.7 onChanged events).
   * Returns false when the host has no events: the pane then asks the user to re-validate.
   */
  watch(sheets: readonly string[], onChange: () => void): Promise<boolean>;
}

const SETTINGS_KEY = 'ensemble-me.highlights';

/**
 * Keeps the original fills in the document's own settings (saved with the workbook), so that
 * « Effacer les surlignages » still works after the pane was closed; in memory when unavailable.
 */
export function documentStore(): HighlightStore {
  let memory: ReturnType<HighlightStore['load']> = [];
  const settings = typeof Office !== 'undefined' ? Office.context?.document?.settings : undefined;
  return {
    load() {
      if (!settings) return memory.map((f) => ({ ...f }));
      return parseSavedFills(settings.get(SETTINGS_KEY));
    },
    save(fills) {
      memory = fills.map((f) => ({ ...f }));
      if (!settings) return;
      if (fills.length === 0) settings.remove(SETTINGS_KEY);
      else settings.set(SETTINGS_KEY, JSON.stringify(fills));
      settings.saveAsync();
    },
  };
}

export class OfficeHost implements WorkbookHost {
  private readonly watched = new Set<string>();

  constructor(private readonly store: HighlightStore = documentStore()) {}

  supports(version: string): boolean {
    return Boolean(Office.context.requirements?.isSetSupported('ExcelApi', version));
  }

  read(): Promise<Tables> {
    return Excel.run((context) => readTables(context));
  }

  select(sheet: string, address: string | null): Promise<void> {
    return Excel.run(async (context) => {
      const worksheet = context.workbook.worksheets.getItem(sheet);
      worksheet.activate();
      if (address) worksheet.getRange(address).select();
      await context.sync();
    });
  }

  highlight(marks: readonly Mark[], existingSheets: ReadonlySet<string>): Promise<number> {
    return Excel.run((context) => highlight(context, marks, this.store, existingSheets));
  }

  clearHighlights(existingSheets: ReadonlySet<string>): Promise<number> {
    return Excel.run((context) => clearHighlights(context, this.store, existingSheets));
  }

  hasHighlights(): boolean {
    return this.store.load().length > 0;
  }

  createTemplate(plan: TemplatePlan, removeSheets: readonly string[]): Promise<void> {
    const features = writerFeatures((v) => this.supports(v));
    return Excel.run((context) => writeTemplate(context, plan, features, { removeSheets }));
  }

  async watch(sheets: readonly string[], onChange: () => void): Promise<boolean> {
    if (!this.supports(LIVE_EXCEL_API)) return false;
    const fresh = sheets.filter((s) => !this.watched.has(s));
    if (fresh.length === 0) return true;
    await Excel.run(async (context) => {
      for (const name of fresh)
        context.workbook.worksheets.getItem(name).onChanged.add(() => Promise.resolve(onChange()));
      await context.sync();
    });
    fresh.forEach((s) => this.watched.add(s));
    return true;
  }
}
