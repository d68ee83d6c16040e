/**
 * The ExcelApi requirement sets the add-in needs. manifest.xml declares REQUIRED_EXCEL_API (its test reads it
 * from here), so an Excel that lacks it never offers the add-in; LIVE_EXCEL_API only adds live checking.
 */

/** Reading (`getUsedRange(true)`) and « Créer le modèle » (widths, heights, visibility, protection). */
export const REQUIRED_EXCEL_API = '1.2';

/** Worksheet `onChanged`: the list updates after each entry. */
export const LIVE_EXCEL_API = '1.7';
