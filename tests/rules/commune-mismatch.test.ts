import { communeMismatch } from '../../core/rules/commune-mismatch';
import { ID, META, removeSheet, setValue } from '../helpers/build-tables';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(communeMismatch, {
  valid: [
    { name: 'the correctly filled workbook', options: { expectedCommune: 'GNZ' } },
    { name: 'commune written as its code', tables: (t) => setValue(t, ID, 'B7', 'GNZ') },
    { name: 'commune in capitals without accents', tables: (t) => setValue(t, ID, 'B7', 'GOUNZOUREYE') },
    {
      name: 'commune with decomposed accents (NFD)',
      tables: (t) => setValue(t, ID, 'B7', 'Gounzourèye'.normalize('NFD')),
    },
    { name: 'commune left blank (required-value reports it)', tables: (t) => setValue(t, ID, 'B7', null) },
    {
      name: 'another commune, but no _meta: the name is the commune',
      tables: (t) => (removeSheet(t, META), setValue(t, ID, 'B7', 'Bara')),
    },
    {
      name: 'unknown commune code in _meta (unknown-commune reports it)',
      tables: (t) => (setValue(t, META, 'B3', 'XYZ'), setValue(t, ID, 'B7', 'Bara')),
    },
    { name: 'Bara workbook expected as BAR', commune: 'BAR', options: { expectedCommune: 'BAR' } },
  ],
  invalid: [
    {
      name: 'another commune written in Identification',
      tables: (t) => setValue(t, ID, 'B7', 'Bara'),
      issues: [{ messageId: 'mismatch', sheet: ID, address: 'B7', params: { found: 'Bara', expected: 'Gounzourèye' } }],
    },
    {
      name: 'another commune code written in Identification',
      tables: (t) => setValue(t, ID, 'B7', 'ANS'),
      issues: [{ messageId: 'mismatch', sheet: ID, address: 'B7', params: { found: 'ANS', expected: 'Gounzourèye' } }],
    },
    {
      name: 'workbook of Gounzourèye where Bara was expected',
      options: { expectedCommune: 'BAR' },
      issues: [
        { messageId: 'notExpected', sheet: null, address: null, params: { found: 'Gounzourèye', expected: 'Bara' } },
      ],
    },
    {
      name: 'expected commune code unknown to the framework',
      options: { expectedCommune: 'XYZ' },
      issues: [
        { messageId: 'notExpected', sheet: null, address: null, params: { found: 'Gounzourèye', expected: 'XYZ' } },
      ],
    },
    {
      name: 'both a mismatching name and an unexpected commune',
      tables: (t) => setValue(t, ID, 'B7', 'Soni Aliber'),
      options: { expectedCommune: 'SAL' },
      issues: [
        { messageId: 'mismatch', sheet: ID, address: 'B7', params: { found: 'Soni Aliber', expected: 'Gounzourèye' } },
        {
          messageId: 'notExpected',
          sheet: null,
          address: null,
          params: { found: 'Gounzourèye', expected: 'Soni Aliber' },
        },
      ],
    },
  ],
});
