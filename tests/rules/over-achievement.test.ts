import { overAchievement } from '../../core/rules/over-achievement';
import { IND, META, setValue, type Value } from '../helpers/build-tables';
import { ruleTester } from '../helpers/rule-tester';
import { indicator, setTargets, withQuarters } from '../helpers/quarters';
import type { Framework } from '../../core/framework/schema';
import type { Tables } from '../../core/tables';

// Gounzourèye plans 25 for R1.1.1 (row 2) and 2 for R2.2.1 (row 5); the framework's threshold is 150 %.
const fill = (cells: Record<string, Value>) => (t: Tables) =>
  Object.entries(cells).forEach(([a, v]) => setValue(t, IND, a, v));
/** 2024 grouping four quarters, with the targets of one indicator for the given periods (the others have none). */
const quarters = (code: string, targets: Record<string, number>) => (fw: Framework) => {
  withQuarters(fw);
  setTargets(fw, indicator(fw, code).periodTargets, targets);
};

ruleTester(overAchievement, {
  valid: [
    { name: 'achieved equals planned' },
    { name: 'exactly 150 % of a small target', tables: fill({ F5: 3 }) },
    { name: 'just under the threshold', tables: fill({ F2: 37 }) },
    {
      name: 'a higher threshold in the framework',
      tables: fill({ F2: 60 }),
      framework: (fw) => void (fw.thresholds.overAchievement = 3),
    },
    {
      name: 'a zero target',
      tables: fill({ F2: 60 }),
      framework: (fw) => void (fw.indicators[0]!.periodTargets['2023']!.GNZ = 0),
    },
    { name: 'not a number', tables: fill({ F2: 'beaucoup' }) },
    {
      name: 'unknown commune: no target to compare with',
      tables: (t) => (setValue(t, META, 'B3', 'XYZ'), fill({ F2: 100 })(t)),
    },
    {
      name: 'a quarter at 150 % of its own target',
      period: '2024-T2',
      framework: quarters('R1.1.1', { '2024-T2': 10 }),
      tables: fill({ F2: 15 }),
    },
    {
      name: 'a quarter without target (« cible non définie ») is never judged',
      period: '2024-T3',
      framework: quarters('R1.1.1', { '2024-T2': 10 }),
      tables: fill({ F2: 1000 }),
    },
    // R1.1.1 adds its periods up: the year's target is 4 × 10, so 60 is 150 %.
    {
      name: 'a year at 150 % of the sum of its quarters',
      period: '2024',
      framework: quarters('R1.1.1', { '2024-T1': 10, '2024-T2': 10, '2024-T3': 10, '2024-T4': 10 }),
      tables: fill({ F2: 60 }),
    },
  ],
  invalid: [
    {
      name: 'just over 150 %',
      tables: fill({ F2: 38 }),
      issues: [
        {
          messageId: 'over',
          sheet: IND,
          address: 'F2',
          severity: 'warning',
          params: { code: 'R1.1.1', achieved: 38, planned: 25, percent: 152 },
        },
      ],
    },
    {
      name: 'typed as text, ten times the target',
      tables: fill({ F5: '20' }),
      issues: [
        {
          messageId: 'over',
          sheet: IND,
          address: 'F5',
          params: { code: 'R2.2.1', achieved: 20, planned: 2, percent: 1000 },
        },
      ],
    },
    {
      name: 'explained in Commentaire: acknowledged information',
      tables: fill({ F2: 100, I2: 'Formation élargie aux agents de santé' }),
      issues: [
        {
          messageId: 'overJustified',
          sheet: IND,
          address: 'F2',
          severity: 'info',
          acknowledged: true,
          params: { percent: 400, comment: 'Formation élargie aux agents de santé' },
        },
      ],
    },
    {
      name: 'a blank Commentaire does not acknowledge',
      tables: fill({ F2: 100, I2: '   ' }),
      issues: [{ messageId: 'over', sheet: IND, address: 'F2', severity: 'warning' }],
    },
    {
      name: 'one explained, one not',
      tables: fill({ F2: 100, I2: 'Deux sessions au lieu d’une', F3: 50 }),
      issues: [
        { messageId: 'overJustified', sheet: IND, address: 'F2', severity: 'info', acknowledged: true },
        { messageId: 'over', sheet: IND, address: 'F3', severity: 'warning', params: { code: 'R1.1.2', percent: 200 } },
      ],
    },
    {
      // 16 is far below the end-of-project target (25), but 160 % of the quarter's.
      name: 'a quarter over 150 % of its own target',
      period: '2024-T2',
      framework: quarters('R1.1.1', { '2024-T2': 10 }),
      tables: fill({ F2: 16 }),
      issues: [
        {
          messageId: 'over',
          sheet: IND,
          address: 'F2',
          params: { code: 'R1.1.1', achieved: 16, planned: 10, percent: 160 },
        },
      ],
    },
    {
      // R4.2.1 (row 12) reports a stock: the year's target is the largest quarter's, 3 (not their sum, 10).
      name: 'a year of a « max » indicator judged against its largest quarter',
      period: '2024',
      framework: quarters('R4.2.1', { '2024-T1': 1, '2024-T2': 3, '2024-T3': 3, '2024-T4': 3 }),
      tables: fill({ F12: 5 }),
      issues: [
        {
          messageId: 'over',
          sheet: IND,
          address: 'F12',
          params: { code: 'R4.2.1', achieved: 5, planned: 3, percent: 167 },
        },
      ],
    },
  ],
});
