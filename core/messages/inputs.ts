import { interpolate, type Lang } from './index';
import type { Params } from '../report';

/** Why a file could not be used at all. Rendered in the user's language at the edge. */
export type InputErrorCode =
  | 'missing'
  | 'unreadable'
  // A directory, FIFO, device or socket: never read (a FIFO blocks, /dev/zero never ends).
  | 'notAFile'
  | 'notWorkbook'
  | 'encrypted'
  | 'tooLarge'
  | 'zipBomb'
  // More to inflate than any report needs (the memory bound of one file).
  | 'tooMuchContent'
  // A cell longer than Excel allows (32 767 characters).
  | 'cellTooLong'
  | 'corrupt'
  // A package two readers could read differently (repeated or disagreeing zip entry names).
  | 'ambiguousZip'
  // More merged ranges than any template holds, or overlapping ones: too costly to read.
  | 'tooComplex'
  // Reading took longer than any commune workbook does.
  | 'tooSlow'
  | 'badCsv'
  | 'emptyCsv'
  // A coordinator's report saved in another format: each says how to save it as .xlsx.
  | 'xls'
  | 'ods'
  | 'csv'
  | 'csvSheet'
  // The merge's own consolidated workbook: not a commune's report.
  | 'ownOutput'
  // A feedback workbook (--feedback DIR): a read-only view sent to a commune, not its report.
  | 'ownFeedback';

/** Why a whole file could not be used, in each language. */
const INPUT_ERRORS: Record<Lang, Record<InputErrorCode, string>> = {
  fr: {
    missing: 'fichier introuvable',
    unreadable: 'lecture impossible ({reason})',
    notAFile: 'ce n’est pas un fichier ({kind}) : indiquez le classeur .xlsx lui-même',
    notWorkbook: 'ce n’est pas un classeur Excel (.xlsx ou .xlsm)',
    encrypted:
      'classeur protégé par mot de passe : ouvrez-le, retirez le mot de passe (Fichier › Informations › Protéger le classeur) et enregistrez-le',
    tooLarge: 'fichier trop volumineux ({size} Mo, au plus {max} Mo)',
    zipBomb: 'contenu compressé anormal, refusé par précaution ({detail})',
    tooMuchContent:
      'contenu trop volumineux une fois décompressé (plus de {max} Mo à lire, dépassés à la partie {detail}), refusé par précaution : une fiche de commune en fait moins de 1 Mo ; enregistrez la fiche sans les feuilles ni les données ajoutées et renvoyez-la',
    cellTooLong:
      'la cellule {sheet}!{address} contient {length} caractères, plus que les {max} qu’Excel permet dans une cellule : raccourcissez ce texte, enregistrez le classeur et renvoyez-le',
    corrupt:
      'classeur endommagé ou tronqué : ouvrez-le dans Excel, enregistrez-le à nouveau (Fichier › Enregistrer sous › Classeur Excel (.xlsx)) et renvoyez-le',
    ambiguousZip:
      'classeur ambigu, dont la partie « {name} » peut se lire de deux façons : ouvrez-le dans Excel, vérifiez les chiffres, enregistrez-le à nouveau (Fichier › Enregistrer sous › Classeur Excel (.xlsx)) et renvoyez-le',
    tooComplex:
      'classeur trop complexe à lire ({count} plages de cellules fusionnées) : copiez les valeurs dans un modèle vierge de la commune, sans fusionner de cellules, et renvoyez-le',
    badCsv:
      'CSV illisible : un guillemet n’est pas refermé vers la ligne {line} ; ouvrez-le dans un tableur, corrigez cette ligne et enregistrez-le à nouveau en CSV',
    emptyCsv: 'CSV vide : enregistrez à nouveau la feuille en CSV, avec ses lignes',
    tooSlow:
      'lecture interrompue après {seconds} s, bien plus que pour une fiche de commune : copiez les valeurs dans un modèle vierge de la commune et renvoyez-le',
    xls: 'classeur au format .xls (Excel 97-2003) : ouvrez-le, puis Fichier › Enregistrer sous › Classeur Excel (.xlsx), et envoyez le fichier .xlsx',
    ods: 'classeur au format .ods (LibreOffice) : ouvrez-le, puis Fichier › Enregistrer sous › Classeur Excel (.xlsx) (type « Excel 2007-365 » dans LibreOffice), et envoyez le fichier .xlsx',
    csv: 'fichier CSV, qui ne garde qu’une feuille : ouvrez le classeur de la commune, puis Fichier › Enregistrer sous › Classeur Excel (.xlsx), et envoyez le fichier .xlsx',
    csvSheet:
      'la feuille « {sheet} » du modèle, enregistrée seule en CSV : ouvrez le classeur de la commune, puis Fichier › Enregistrer sous › Classeur Excel (.xlsx), et envoyez le fichier .xlsx',
    ownOutput:
      'c’est un classeur consolidé (npm run merge), pas la fiche d’une commune : vérifiez la fiche de la commune elle-même',
    ownFeedback:
      'c’est un classeur de retour (--feedback), une vue en lecture seule : utilisez le fichier original de la commune',
  },
  en: {
    missing: 'file not found',
    unreadable: 'cannot be read ({reason})',
    notAFile: 'not a file ({kind}): give the .xlsx workbook itself',
    notWorkbook: 'not an Excel workbook (.xlsx or .xlsm)',
    encrypted: 'password-protected workbook: open it, remove the password (File › Info › Protect Workbook) and save it',
    tooLarge: 'file too large ({size} MB, at most {max} MB)',
    zipBomb: 'abnormal compressed content, refused as a precaution ({detail})',
    tooMuchContent:
      'too much content once inflated (over {max} MB to read, exceeded at part {detail}), refused as a precaution: a commune report holds under 1 MB; save the report without the added sheets or data and send it again',
    cellTooLong:
      'cell {sheet}!{address} holds {length} characters, more than the {max} Excel allows in a cell: shorten this text, save the workbook and send it again',
    corrupt:
      'damaged or truncated workbook: open it in Excel, save it again (File › Save As › Excel Workbook (.xlsx)) and send it back',
    ambiguousZip:
      'ambiguous workbook, whose part “{name}” can be read two ways: open it in Excel, check the figures, save it again (File › Save As › Excel Workbook (.xlsx)) and send it back',
    tooComplex:
      'workbook too complex to read ({count} merged ranges): copy the values into a blank template of the commune, without merging cells, and send it back',
    badCsv:
      'unreadable CSV: a quote is not closed near line {line}; open it in a spreadsheet, fix that line and save it again as CSV',
    emptyCsv: 'empty CSV: save the sheet again as CSV, with its rows',
    tooSlow:
      'reading stopped after {seconds} s, far longer than a commune’s report takes: copy the values into a blank template of the commune and send it back',
    xls: 'workbook in the .xls format (Excel 97-2003): open it, then File › Save As › Excel Workbook (.xlsx), and send the .xlsx file',
    ods: 'workbook in the .ods format (LibreOffice): open it, then File › Save As › Excel Workbook (.xlsx) (type “Excel 2007-365” in LibreOffice), and send the .xlsx file',
    csv: 'CSV file, which keeps a single sheet: open the commune’s workbook, then File › Save As › Excel Workbook (.xlsx), and send the .xlsx file',
    csvSheet:
      'the template’s “{sheet}” sheet saved alone as CSV: open the commune’s workbook, then File › Save As › Excel Workbook (.xlsx), and send the .xlsx file',
    ownOutput:
      'this is a consolidated workbook (npm run merge), not a commune’s report: check the commune’s own workbook',
    ownFeedback: 'this is a feedback workbook (--feedback), a read-only view: use the commune’s original file',
  },
};

const KINDS: Record<Lang, Record<string, string>> = {
  fr: { directory: 'dossier', fifo: 'tube nommé (FIFO)', device: 'périphérique', socket: 'socket' },
  en: { directory: 'folder', fifo: 'named pipe (FIFO)', device: 'device', socket: 'socket' },
};

export function inputErrorText(code: InputErrorCode, params: Params, lang: Lang): string {
  const kind = typeof params.kind === 'string' ? (KINDS[lang][params.kind] ?? params.kind) : undefined;
  return interpolate(INPUT_ERRORS[lang][code], kind ? { ...params, kind } : params, lang);
}

export const INPUT_ERROR_TEXTS = INPUT_ERRORS;

export function isInputErrorCode(code: string): code is InputErrorCode {
  return Object.hasOwn(INPUT_ERRORS.fr, code);
}
