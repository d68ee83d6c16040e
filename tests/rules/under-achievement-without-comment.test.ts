import { underAchievementWithoutComment } from '../../core/rules/under-achievement-without-comment';
import { IND, META, setValue, type Value } from '../helpers/build-tables';
import { ruleTester } from '../helpers/rule-tester';
import { indicator, setTargets, withQuarters } from '../helpers/quarters';
import type { Framework } from '../../core/framework/schema';
import type { Tables } from '../../core/tables';

// Gounzourèye plans 25 for R1.1.1 (row 2), 1 for R2.2.2 (row 6) and 2 for R4.3.1 (row 14).
const fill = (cells: Record<string, Value>) => (t: Tables) =>
  Object.entries(cells).forEach(([a, v]) => setValue(t, IND, a, v));
/** 2024 grouping four quarters, with R1.1.1's targets for the given periods (every other indicator has none). */
const quarters = (targets: Record<string, number>) => (fw: Framework) => {
  withQuarters(fw);
  setTargets(fw, indicator(fw, 'R1.1.1').periodTargets, targets);
};

ruleTester(underAchievementWithoutComment, {
  valid: [
    { name: 'achieved equals planned' },
    { name: 'above target', tables: fill({ F2: 30 }) },
    { name: 'below target, explained', tables: fill({ F2: 20, I2: 'Cinq acteurs absents à la formation' }) },
    { name: 'nothing done, explained', tables: fill({ F6: 0, I6: 'Plaidoyer reporté en 2024' }) },
    { name: 'blank (required-value reports it)', tables: fill({ F2: null }) },
    { name: 'not a number (not-a-number reports it)', tables: fill({ F2: 'moins' }) },
    {
      name: 'unknown commune: no target to compare with',
      tables: (t) => (setValue(t, META, 'B3', 'XYZ'), fill({ F2: 0 })(t)),
    },
    // The end-of-project target of R1.1.1 is 25: a quarter is judged against its own target only.
    {
      name: 'a quarter that reaches its own target, far below the end-of-project one',
      period: '2024-T2',
      framework: quarters({ '2024-T2': 10 }),
      tables: fill({ F2: 10 }),
    },
    {
      name: 'a quarter without target (« cible non définie ») is never judged',
      period: '2024-T3',
      framework: quarters({ '2024-T2': 10 }),
      tables: fill({ F2: 0, F6: 0 }),
    },
    { name: 'a year of the real framework without target is never judged', period: '2024', tables: fill({ F2: 0 }) },
    {
      name: 'a year that reaches the sum of its quarters',
      period: '2024',
      framework: quarters({ '2024-T1': 10, '2024-T2': 10, '2024-T3': 10, '2024-T4': 10 }),
      tables: fill({ F2: 40 }),
    },
  ],
  invalid: [
    {
      name: 'below target without a comment',
      tables: fill({ F2: 20 }),
      issues: [
        {
          messageId: 'under',
          sheet: IND,
          address: 'F2',
          params: { code: 'R1.1.1', achieved: 20, planned: 25, percent: 80 },
        },
      ],
    },
    {
      name: 'nothing done, and a comment of only spaces',
      tables: fill({ F6: 0, I6: '  ' }),
      issues: [
        {
          messageId: 'under',
          sheet: IND,
          address: 'F6',
          params: { code: 'R2.2.2', achieved: 0, planned: 1, percent: 0 },
        },
      ],
    },
    {
      name: 'a comment on another row does not count',
      tables: fill({ F14: '1', I13: 'Voir ligne suivante' }),
      issues: [{ messageId: 'under', sheet: IND, address: 'F14', params: { code: 'R4.3.1', percent: 50 } }],
    },
    {
      name: 'not acknowledgeable: a warning, never information',
      tables: fill({ F2: 10, F3: 24, I3: 'Un prestataire malade' }),
      issues: [{ messageId: 'under', sheet: IND, address: 'F2', severity: 'warning', params: { percent: 40 } }],
    },
    {
      name: 'a quarter below its own target',
      period: '2024-T2',
      framework: quarters({ '2024-T2': 10 }),
      tables: fill({ F2: 9 }),
      issues: [
        {
          messageId: 'under',
          sheet: IND,
          address: 'F2',
          params: { code: 'R1.1.1', achieved: 9, planned: 10, percent: 90 },
        },
      ],
    },
    {
      name: 'a year below the sum of its quarters’ targets',
      period: '2024',
      framework: quarters({ '2024-T1': 10, '2024-T2': 10, '2024-T3': 10, '2024-T4': 10 }),
      tables: fill({ F2: 30 }),
      issues: [
        {
          messageId: 'under',
          sheet: IND,
          address: 'F2',
          params: { code: 'R1.1.1', achieved: 30, planned: 40, percent: 75 },
        },
      ],
    },
    {
      name: 'a year judged against its own target when it has one',
      period: '2024',
      framework: quarters({ '2024': 30, '2024-T1': 5 }),
      tables: fill({ F2: 25 }),
      issues: [
        { messageId: 'under', sheet: IND, address: 'F2', params: { code: 'R1.1.1', achieved: 25, planned: 30 } },
      ],
    },
  ],
});
