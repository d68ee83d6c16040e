import type { Messages } from './index';

/** English messages, keyed exactly like the French ones. */
export const en: Messages = {
  rules: {
    'commune-mismatch': {
      mismatch: 'The commune written is “{found}” but this template was made for “{expected}”.',
      notExpected: 'This workbook belongs to {found}, but {expected} was expected.',
    },
    'date-outside-period': {
      before: 'The date of entry {date} is before the start of period {period} ({start}).',
      after:
        'The date of entry {date} cannot belong to period {period}: it is more than a year after the deadline of {last}. Check the date and the period.',
    },
    'duplicate-code': {
      duplicate: 'Code {code} appears twice (already at {first}): its values would be counted twice.',
    },
    'excel-error': {
      error: '“{field}” holds the Excel error {code}: type the value.',
    },
    'invalid-date': {
      invalid: '“{text}” is not a date: type it as dd/mm/yyyy.',
    },
    'late-entry': {
      late: 'Entered on {date}, after the deadline of {deadline} for period {period} ({days} day(s) late): the figures are kept, the delay is reported.',
    },
    'missing-header': {
      missing: 'Column “{header}” was not found in sheet {sheet}.',
    },
    'missing-row': {
      missing: 'The row of {code} ({label}) was not found.',
    },
    'missing-sheet': {
      missing: 'Sheet “{sheet}” was not found in the workbook.',
      renamed:
        'Sheet “{sheet}” was not found, but “{copy}” exists: rename “{copy}” to “{sheet}” (right-click the tab › Rename).',
      emptyOriginal:
        'Sheet “{sheet}” is empty and its figures are in “{copy}”: copy them back into “{sheet}”, or delete “{sheet}” and rename “{copy}” to “{sheet}”.',
    },
    'non-negative-integer': {
      negative: '“{field}” is {value}: a negative number is not possible.',
      fractional: '“{field}” is {value}: a count is a whole number.',
      fractionalAmount: '“{field}” is {value}: FCFA amounts are whole numbers.',
    },
    'not-a-number': {
      notNumber: '“{text}” is not a number (column {field}).',
      ambiguous: '“{text}” is ambiguous: 1250 or 1.25? Type the number without a thousands separator.',
    },
    'number-as-text': {
      number: '“{text}” was typed as text; it is read as {value}. Type the number {value}.',
      date: '“{text}” was typed as text; it is read as the date {date}.',
    },
    'over-achievement': {
      over: '{code}: achieved {achieved} for {planned} planned ({percent} %). Check the entry or explain it in “Commentaire”.',
      overJustified:
        '{code}: achieved {achieved} for {planned} planned ({percent} %), explained in the comment: “{comment}”.',
    },
    overspending: {
      over: '{code}: spent {spent} FCFA for {planned} FCFA planned ({excess} FCFA over). Justify it in “Commentaire”.',
      overJustified:
        '{code}: spent {spent} FCFA for {planned} FCFA planned ({excess} FCFA over), justified in the comment: “{comment}”.',
    },
    'planned-mismatch': {
      mismatch: '{code}: planned {found} does not match the results framework target ({expected}).',
      empty: '{code}: planned is empty; the results framework target is {expected}.',
      undefinedTarget:
        '{code}: planned {found} matches no target: no target is set for {period} in the results framework. Clear this planned value.',
      targetDefined:
        '{code}: planned says no target is set, but the results framework sets the target at {expected}. Enter {expected}.',
    },
    'required-value': {
      missing: '“{field}” is required.',
      missingNumber: '{code}: “{field}” is empty. An activity not carried out is entered as 0.',
    },
    'sex-sum-mismatch': {
      achieved: '{code}: Femmes ({women}) + Hommes ({men}) = {sum}, not the achieved value ({total}).',
      total: '{code}: Femmes ({women}) + Hommes ({men}) = {sum}, not the total ({total}).',
    },
    'template-mismatch': {
      notTemplate: 'This workbook is not a template of the project ({framework}): use your commune’s template.',
      otherFramework: 'This template belongs to another results framework ({found}, expected: {expected}).',
      outdatedFramework:
        'This workbook was made from the template of version {found} of the results framework, but the current version is {expected}: it cannot be consolidated. Copy your figures into your commune’s template of version {expected}.',
      outdatedTemplate:
        'This workbook was made from version {found} of the template, but the current version is {expected}: it cannot be consolidated. Copy your figures into your commune’s up-to-date template.',
    },
    'under-achievement-without-comment': {
      under: '{code}: achieved {achieved} for {planned} planned ({percent} %). Explain the gap in “Commentaire”.',
    },
    'unexpected-formula': {
      formula: '“{field}” holds the formula {formula}: type the value itself.',
    },
    'unexpected-value': {
      notDisaggregated:
        '{code}: “{field}” must stay empty (this indicator does not count people), but holds “{value}”.',
    },
    'unknown-code': {
      unknown: 'Code “{code}” is not part of the results framework.',
      noCode: 'This row holds values but no code: they would belong to nothing.',
    },
    'unknown-commune': {
      unknownCode: 'Commune code “{code}” is not part of the project ({known}).',
      unknownName: 'Commune “{name}” is not part of the project ({known}).',
    },
    'unknown-period': {
      unknown: 'Period “{text}” does not exist; choose from: {periods}.',
      grouping: 'Period “{text}” groups several reporting periods: choose the report’s own from: {periods}.',
      templatePeriod:
        'The period is “{text}”, but this template was made for {template}: its planned values are those of {template}. Use the template of period {text}.',
      notExpected: 'The period is “{text}”, but {expected} is expected.',
    },
  },
  /** Checks across files, made when consolidating (core/consolidate/cumulative.ts). */
  checks: {
    'cumulative-decrease': {
      decrease:
        '{code}: {value} in {period}, less than {earlier} in {earlierPeriod} ({earlierFile}): a running total does not go down; check both files.',
    },
  },
  severity: { error: 'Error', warning: 'Warning', info: 'Information' },
};
