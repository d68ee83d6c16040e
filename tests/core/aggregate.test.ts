/**
 * The two aggregation steps every consolidated figure goes through: a commune's periods, then the
 * communes. A period or a commune that gave no value (null) is left out, never counted as zero.
 */
import { acrossCommunes, acrossPeriods } from '../../core/consolidate/aggregate';

describe('acrossPeriods', () => {
  test('sum adds the periods that gave a value, skipping the ones that did not', () => {
    expect(acrossPeriods([4, null, 6, 0], 'sum')).toBe(10);
  });

  test('max keeps the highest value, even when it is not the last', () => {
    expect(acrossPeriods([2, 7, null, 5], 'max')).toBe(7);
  });

  test('max of negative values is the highest of them, not a zero from a missing period', () => {
    expect(acrossPeriods([-3, null, -1], 'max')).toBe(-1);
  });

  test('latest keeps the last value given, a later missing period does not erase it', () => {
    expect(acrossPeriods([5, 9, 3, null], 'latest')).toBe(3);
    expect(acrossPeriods([5, null], 'latest')).toBe(5);
  });

  test('latest keeps a 0 given last (a real figure, not a missing one)', () => {
    expect(acrossPeriods([5, 0], 'latest')).toBe(0);
  });

  test('no value at all gives null (nothing received), whatever the rule', () => {
    for (const rule of ['sum', 'max', 'latest'] as const) {
      expect(acrossPeriods([], rule)).toBeNull();
      expect(acrossPeriods([null, null], rule)).toBeNull();
    }
  });
});

describe('acrossCommunes', () => {
  test('sum leaves a commune not received out, it does not count as 0', () => {
    expect(acrossCommunes([10, null, 5], 'sum')).toBe(15);
  });

  test('max keeps the highest commune', () => {
    expect(acrossCommunes([3, null, 8, 1], 'max')).toBe(8);
    expect(acrossCommunes([-4, null], 'max')).toBe(-4);
  });

  test('no commune received gives null, not 0', () => {
    expect(acrossCommunes([null, null, null, null], 'sum')).toBeNull();
    expect(acrossCommunes([null], 'max')).toBeNull();
    expect(acrossCommunes([], 'sum')).toBeNull();
  });

  test('communes that all reported 0 give 0, not null', () => {
    expect(acrossCommunes([0, 0], 'sum')).toBe(0);
    expect(acrossCommunes([0, null], 'max')).toBe(0);
  });
});
