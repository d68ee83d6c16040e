import type { Severity } from './report';

/** The fill of a cell at fault, by severity: the add-in's highlights and the feedback workbook's (same colours). */
export const SEVERITY_FILLS: Record<Severity, string> = {
  error: '#FF9B9B',
  warning: '#FFC46B',
  info: '#A9CCEB',
};
