/**
 * Control characters that a file name or a cell's text could carry to the terminal: C0 and C1
 * controls (ESC sequences recolour or rewrite the screen, a newline prints a fake « ✓ accepté » line),
 * DEL, line and paragraph separators, and the bidirectional overrides that reorder what is shown.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

/** One console line that shows every character it carries: each control character made visible (`\n`, `\e`, `\u202E`). */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** Several lines, each made printable (the line breaks between them kept). */
export function printableLines(lines: readonly string[]): string {
  return lines.map(printable).join('\n');
}
