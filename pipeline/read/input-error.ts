import type { Params } from '../../core/report';

/** Why a file could not be used at all. Rendered in the user's language at the edge. */
export type InputErrorCode =
  | 'missing'
  | 'unreadable'
  // A directory, FIFO, device or socket: never read (a FIFO blocks, /dev/zero never ends).
  | 'notAFile'
  | 'notWorkbook'
  | 'encrypted'
  | 'tooLarge'
  | 'zipBomb'
  // More to inflate than any report needs (the memory bound of one file).
  | 'tooMuchContent'
  // A cell longer than Excel allows (32 767 characters).
  | 'cellTooLong'
  | 'corrupt'
  // A package two readers could read differently (repeated or disagreeing zip entry names).
  | 'ambiguousZip'
  // More merged ranges than any template holds, or overlapping ones: too costly to read.
  | 'tooComplex'
  // Reading took longer than any commune workbook does.
  | 'tooSlow'
  | 'badCsv'
  | 'emptyCsv'
  // A coordinator's report saved in another format: each says how to save it as .xlsx.
  | 'xls'
  | 'ods'
  | 'csv'
  | 'csvSheet'
  // The merge's own consolidated workbook: not a commune's report.
  | 'ownOutput';

export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly code: InputErrorCode,
    readonly params: Params = {},
  ) {
    super(`${file}: ${code}`);
    this.name = 'InputError';
  }
}
