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
