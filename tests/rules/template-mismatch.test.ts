import { TEMPLATE_VERSION } from '../../core/layout/contract';
import type { Tables } from '../../core/tables';
import { templateMismatch } from '../../core/rules/template-mismatch';
import { framework, META, removeRow, removeSheet, renameSheet, setValue, type Value } from '../helpers/build-tables';
import { ruleTester } from '../helpers/rule-tester';

const current = framework().version;

// _meta: B1 frameworkId, B2 frameworkVersion, B3 communeCode, B4 templateVersion, B5 period (a period template's).
const meta = (address: string, value: Value) => ({ tables: (t: Tables) => setValue(t, META, address, value) });

ruleTester(templateMismatch, {
  valid: [
    { name: 'a template of this framework, current version' },
    {
      name: 'the _meta sheet made visible and renamed in capitals',
      tables: (t) => ((t.sheets.at(-1)!.state = 'visible'), renameSheet(t, META, '_META')),
    },
    { name: 'another commune code (unknown-commune / commune-mismatch report it)', ...meta('B3', 'XYZ') },
  ],
  invalid: [
    {
      name: '_meta sheet deleted',
      tables: (t) => removeSheet(t, META),
      issues: [{ messageId: 'notTemplate', sheet: null, address: null, params: { framework: 'ensemble-gao' } }],
    },
    {
      name: 'frameworkId erased',
      ...meta('B1', null),
      issues: [{ messageId: 'notTemplate', sheet: null, address: null }],
    },
    {
      name: 'a template of another framework',
      ...meta('B1', 'autre-projet'),
      issues: [
        {
          messageId: 'otherFramework',
          sheet: null,
          address: null,
          params: { found: 'autre-projet', expected: 'ensemble-gao' },
        },
      ],
    },
    {
      name: 'a template of an older framework version',
      ...meta('B2', '0.9.0'),
      issues: [
        { messageId: 'outdatedFramework', sheet: null, address: null, params: { found: '0.9.0', expected: current } },
      ],
    },
    {
      name: 'the framework moved on after the template was made',
      framework: (fw) => void (fw.version = '9.1.0'),
      issues: [
        { messageId: 'outdatedFramework', sheet: null, address: null, params: { found: current, expected: '9.1.0' } },
      ],
    },
    {
      name: 'frameworkVersion row deleted',
      tables: (t) => removeRow(t, META, 2),
      issues: [
        { messageId: 'outdatedFramework', sheet: null, address: null, params: { found: '?', expected: current } },
      ],
    },
    {
      name: 'an older template version',
      ...meta('B4', '0'),
      issues: [
        {
          messageId: 'outdatedTemplate',
          sheet: null,
          address: null,
          params: { found: '0', expected: TEMPLATE_VERSION },
        },
      ],
    },
  ],
});
