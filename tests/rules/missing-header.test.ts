import { missingHeader } from '../../core/rules/missing-header';
import { BEN, BUD, IND, insertRow, moveColumn, removeSheet, renameHeader, setValue } from '../helpers/build-tables';
import { ruleTester } from '../helpers/rule-tester';
import { a1, type Tables } from '../../core/tables';

const clearRow1 = (t: Tables, sheet: string, width: number) => {
  for (let c = 0; c < width; c++) setValue(t, sheet, a1(1, c + 1), null);
};

ruleTester(missingHeader, {
  valid: [
    { name: 'every header in place' },
    {
      name: 'headers in capitals without accents',
      tables: (t) => (renameHeader(t, IND, 'Réalisé', 'REALISE'), renameHeader(t, BEN, 'Catégorie', 'categorie')),
    },
    {
      name: 'Prévu without its (FCFA)',
      tables: (t) => (renameHeader(t, BUD, 'Prévu (FCFA)', 'Prévu'), renameHeader(t, BUD, 'Dépensé (FCFA)', 'Dépensé')),
    },
    { name: 'columns moved', tables: (t) => (moveColumn(t, IND, 'I', 'A'), moveColumn(t, BUD, 'D', 'B')) },
    { name: 'a title row above the header', tables: (t) => insertRow(t, IND, 1, ['Indicateurs – Gounzourèye 2023']) },
    { name: 'Indicateurs sheet missing (missing-sheet reports it)', tables: (t) => removeSheet(t, IND) },
  ],
  invalid: [
    {
      name: 'Femmes renamed',
      tables: (t) => renameHeader(t, IND, 'Femmes', 'Fem.'),
      issues: [{ messageId: 'missing', sheet: IND, address: null, row: 1, params: { header: 'Femmes', sheet: IND } }],
    },
    {
      name: 'Commentaire and Dépensé cleared in Budget',
      tables: (t) => (setValue(t, BUD, 'E1', null), setValue(t, BUD, 'D1', null)),
      issues: [
        { messageId: 'missing', sheet: BUD, address: null, params: { header: 'Dépensé (FCFA)' } },
        { messageId: 'missing', sheet: BUD, address: null, params: { header: 'Commentaire' } },
      ],
    },
    {
      name: 'header below a title row, one header missing',
      tables: (t) => (insertRow(t, BEN, 1, ['Bénéficiaires']), renameHeader(t, BEN, 'Total', 'Somme')),
      issues: [{ messageId: 'missing', sheet: BEN, address: null, row: 2, params: { header: 'Total', sheet: BEN } }],
    },
    {
      name: 'only the « Code » header renamed: reported alone',
      tables: (t) => renameHeader(t, IND, 'Code', 'N°'),
      issues: [{ messageId: 'missing', sheet: IND, address: null, row: 1, params: { header: 'Code', sheet: IND } }],
    },
    {
      name: 'no header row at all',
      tables: (t) => clearRow1(t, BUD, 5),
      issues: ['Code', 'Rubrique', 'Prévu (FCFA)', 'Dépensé (FCFA)', 'Commentaire'].map((header) => ({
        messageId: 'missing',
        sheet: BUD,
        address: null,
        row: null,
        params: { header, sheet: BUD },
      })),
    },
  ],
});
