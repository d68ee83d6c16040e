import { unknownCommune } from '../../core/rules/unknown-commune';
import { ID, META, removeSheet, setValue } from '../helpers/build-tables';
import { ruleTester } from '../helpers/rule-tester';

const KNOWN = 'Gounzourèye, Soni Aliber, Ansongo, Bara';

ruleTester(unknownCommune, {
  valid: [
    { name: 'the _meta code is a project commune' },
    { name: 'no _meta, the commune name in Identification', tables: (t) => removeSheet(t, META) },
    {
      name: 'no _meta, the name without accents',
      tables: (t) => (removeSheet(t, META), setValue(t, ID, 'B7', 'gounzoureye')),
    },
    { name: 'no _meta, the commune code written', tables: (t) => (removeSheet(t, META), setValue(t, ID, 'B7', 'BAR')) },
    {
      name: 'no _meta and a blank commune (required-value reports it)',
      tables: (t) => (removeSheet(t, META), setValue(t, ID, 'B7', null)),
    },
    { name: 'an empty _meta code falls back on the name', tables: (t) => setValue(t, META, 'B3', null) },
    {
      name: 'a commune outside the project written while _meta says GNZ (commune-mismatch reports it)',
      tables: (t) => setValue(t, ID, 'B7', 'Tombouctou'),
    },
  ],
  invalid: [
    {
      name: 'an unknown commune code in _meta',
      tables: (t) => setValue(t, META, 'B3', 'XYZ'),
      issues: [{ messageId: 'unknownCode', sheet: null, address: null, params: { code: 'XYZ', known: KNOWN } }],
    },
    {
      name: 'a lower-case code in _meta is not the commune',
      tables: (t) => setValue(t, META, 'B3', 'gnz'),
      issues: [{ messageId: 'unknownCode', sheet: null, address: null, params: { code: 'gnz' } }],
    },
    {
      name: 'no _meta and a commune outside the project',
      tables: (t) => (removeSheet(t, META), setValue(t, ID, 'B7', 'Gao')),
      issues: [{ messageId: 'unknownName', sheet: ID, address: 'B7', params: { name: 'Gao', known: KNOWN } }],
    },
  ],
});
