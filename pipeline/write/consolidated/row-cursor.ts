/**
 * The next free row of a sheet written section by section (Synthèse, then its dashboard): each
 * section starts at `row` and leaves it on the first row after what it wrote.
 */
export class RowCursor {
  constructor(public row: number) {}

  /** Moves `n` rows down (1: the next row; 2: leaving a blank row). */
  next(n = 1): void {
    this.row += n;
  }
}
