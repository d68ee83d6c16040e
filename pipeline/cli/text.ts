import { interpolate, type Lang } from '../../core/messages';
import type { InputError, InputErrorCode } from '../read/input-error';

/** Why a whole file could not be used, in each language. */
const INPUT_ERRORS: Record<Lang, Record<InputErrorCode, string>> = {
  fr: {
    missing: 'fichier introuvable',
    unreadable: 'lecture impossible ({reason})',
    notWorkbook: 'ce n’est pas un classeur Excel (.xlsx ou .xlsm)',
    encrypted: 'classeur protégé par mot de passe ou au format .xls ancien : enregistrez-le en .xlsx sans mot de passe',
    tooLarge: 'fichier trop volumineux ({size} Mo, au plus {max} Mo)',
    zipBomb: 'contenu compressé anormal, refusé par précaution ({detail})',
    corrupt: 'classeur endommagé ou tronqué ({detail})',
    badCsv: 'CSV illisible : {detail}',
  },
  en: {
    missing: 'file not found',
    unreadable: 'cannot be read ({reason})',
    notWorkbook: 'not an Excel workbook (.xlsx or .xlsm)',
    encrypted: 'password-protected workbook or old .xls format: save it as .xlsx without a password',
    tooLarge: 'file too large ({size} MB, at most {max} MB)',
    zipBomb: 'abnormal compressed content, refused as a precaution ({detail})',
    corrupt: 'damaged or truncated workbook ({detail})',
    badCsv: 'unreadable CSV: {detail}',
  },
};

export function inputErrorText(code: InputErrorCode, params: InputError['params'], lang: Lang): string {
  return interpolate(INPUT_ERRORS[lang][code], params, lang);
}

export function renderInputError(err: InputError, lang: Lang): string {
  return `${err.file} : ${inputErrorText(err.code, err.params, lang)}`;
}

export const INPUT_ERROR_TEXTS = INPUT_ERRORS;
