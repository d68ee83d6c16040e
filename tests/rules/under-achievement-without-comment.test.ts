import { underAchievementWithoutComment } from '../../core/rules/under-achievement-without-comment';
import { IND, META, setValue, type Value } from '../helpers/build-tables';
import { ruleTester } from '../helpers/rule-tester';
import type { Tables } from '../../core/tables';

// Gounzourèye plans 25 for R1.1.1 (row 2), 1 for R2.2.2 (row 6) and 2 for R4.3.1 (row 14).
const fill = (cells: Record<string, Value>) => (t: Tables) => Object.entries(cells).forEach(([a, v]) => setValue(t, IND, a, v));

ruleTester(underAchievementWithoutComment, {
  valid: [
    { name: 'achieved equals planned' },
    { name: 'above target', tables: fill({ F2: 30 }) },
    { name: 'below target, explained', tables: fill({ F2: 20, I2: 'Cinq acteurs absents à la formation' }) },
    { name: 'nothing done, explained', tables: fill({ F6: 0, I6: 'Plaidoyer reporté en 2024' }) },
    { name: 'blank (required-value reports it)', tables: fill({ F2: null }) },
    { name: 'not a number (not-a-number reports it)', tables: fill({ F2: 'moins' }) },
    { name: 'unknown commune: no target to compare with', tables: (t) => (setValue(t, META, 'B3', 'XYZ'), fill({ F2: 0 })(t)) },
  ],
  invalid: [
    {
      name: 'below target without a comment',
      tables: fill({ F2: 20 }),
      issues: [{ messageId: 'under', sheet: IND, address: 'F2', params: { code: 'R1.1.1', achieved: 20, planned: 25, percent: 80 } }],
    },
    {
      name: 'nothing done, and a comment of only spaces',
      tables: fill({ F6: 0, I6: '  ' }),
      issues: [{ messageId: 'under', sheet: IND, address: 'F6', params: { code: 'R2.2.2', achieved: 0, planned: 1, percent: 0 } }],
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
  ],
});
