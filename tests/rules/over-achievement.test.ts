import { overAchievement } from '../../core/rules/over-achievement';
import { IND, META, setValue, type Value } from '../helpers/build-tables';
import { ruleTester } from '../helpers/rule-tester';
import type { Tables } from '../../core/tables';

// Gounzourèye plans 25 for R1.1.1 (row 2) and 2 for R2.2.1 (row 5); the framework's threshold is 150 %.
const fill = (cells: Record<string, Value>) => (t: Tables) => Object.entries(cells).forEach(([a, v]) => setValue(t, IND, a, v));

ruleTester(overAchievement, {
  valid: [
    { name: 'achieved equals planned' },
    { name: 'exactly 150 % of a small target', tables: fill({ F5: 3 }) },
    { name: 'just under the threshold', tables: fill({ F2: 37 }) },
    { name: 'a higher threshold in the framework', tables: fill({ F2: 60 }), framework: (fw) => void (fw.thresholds.overAchievement = 3) },
    { name: 'a zero target', tables: fill({ F2: 60 }), framework: (fw) => void (fw.indicators[0]!.periodTargets['2023']!.GNZ = 0) },
    { name: 'not a number', tables: fill({ F2: 'beaucoup' }) },
    { name: 'unknown commune: no target to compare with', tables: (t) => (setValue(t, META, 'B3', 'XYZ'), fill({ F2: 100 })(t)) },
  ],
  invalid: [
    {
      name: 'just over 150 %',
      tables: fill({ F2: 38 }),
      issues: [{ messageId: 'over', sheet: IND, address: 'F2', severity: 'warning', params: { code: 'R1.1.1', achieved: 38, planned: 25, percent: 152 } }],
    },
    {
      name: 'typed as text, ten times the target',
      tables: fill({ F5: '20' }),
      issues: [{ messageId: 'over', sheet: IND, address: 'F5', params: { code: 'R2.2.1', achieved: 20, planned: 2, percent: 1000 } }],
    },
    {
      name: 'explained in Commentaire: acknowledged information',
      tables: fill({ F2: 100, I2: 'Formation élargie aux agents de santé' }),
      issues: [{ messageId: 'overJustified', sheet: IND, address: 'F2', severity: 'info', acknowledged: true, params: { percent: 400, comment: 'Formation élargie aux agents de santé' } }],
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
  ],
});
