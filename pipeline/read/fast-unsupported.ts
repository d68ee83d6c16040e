/** Why the fast reader leaves a workbook to exceljs: a reason in English, for logs and tests only. */
export class FastReaderUnsupported extends Error {
  constructor(readonly reason: string) {
    super(`fast xlsx reader: ${reason}`);
    this.name = 'FastReaderUnsupported';
  }
}

export function unsupported(reason: string): never {
  throw new FastReaderUnsupported(reason);
}

/**
 * A workbook no reader should read: refused by name, never left to exceljs (which would hang or
 * read it differently). `reason` selects the user's message.
 */
export class WorkbookRefused extends Error {
  constructor(
    readonly reason: 'tooManyMerges' | 'tooSlow',
    /** The merged ranges (tooManyMerges). */
    readonly count: number,
  ) {
    super(`workbook refused: ${reason}`);
    this.name = 'WorkbookRefused';
  }
}
