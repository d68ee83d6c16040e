/**
 * A strict XML 1.0 well-formedness and namespace checker, independent of the chart module's own scanner:
 * one root; matched, properly nested tags; quoted, unique attributes; only declared entity references;
 * no `<` or bare `&` in text or attribute values; no DTD (OOXML forbids it); every prefix of an element or
 * attribute bound by an `xmlns:` in scope. Returns the problems found, empty when the document is fine.
 * Not saxes (tests/helpers/xml.ts reads parts with it): this checker names each fault on its line, where
 * saxes 5 accepts a DOCTYPE and reports a bare « & » only as « unexpected end » at the end of the part.
 */

const NAME_START =
  'A-Za-z_\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD';
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
// eslint-disable-next-line no-misleading-character-class -- XML's NameStartChar range \u200C-\u200D (ZWNJ, ZWJ) as the spec lists it, not a joined character
const QNAME = new RegExp(`^[${NAME_START}][${NAME_CHAR}]*(?::[${NAME_START}][${NAME_CHAR}]*)?$`);
const REFERENCE = /^&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/;
// eslint-disable-next-line no-control-regex -- finds the control characters XML 1.0 forbids: matching them is the point
const INVALID_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function checkReferences(text: string, where: string, problems: string[]): void {
  for (let i = text.indexOf('&'); i >= 0; i = text.indexOf('&', i + 1)) {
    const m = REFERENCE.exec(text.slice(i, i + 12));
    if (!m) {
      problems.push(`${where}: bare « & » or unknown entity at « ${text.slice(i, i + 12)} »`);
      continue;
    }
    const num = /^&#(x?)([0-9a-fA-F]+);/.exec(m[0]);
    if (num) {
      const code = parseInt(num[2]!, num[1] ? 16 : 10);
      if (code === 0 || code > 0x10ffff || (code < 0x20 && ![9, 10, 13].includes(code)))
        problems.push(`${where}: invalid character reference ${m[0]}`);
    }
  }
}

export function wellFormedProblems(xml: string): string[] {
  const problems: string[] = [];
  const stack: { name: string; ns: Map<string, string> }[] = [];
  let roots = 0;
  let i = 0;
  if (xml.charCodeAt(0) === 0xfeff) i = 1;
  if (INVALID_CHAR.test(xml)) problems.push('a character not allowed in XML');
  const line = (at: number) => xml.slice(0, at).split('\n').length;
  const inScope = (prefix: string): boolean =>
    prefix === 'xml' || prefix === 'xmlns' || stack.some((e) => e.ns.has(prefix));

  while (i < xml.length && problems.length < 20) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    if (text !== '') {
      if (stack.length === 0 && text.trim() !== '') problems.push(`line ${line(i)}: text outside the root element`);
      if (text.includes('>') && text.includes(']]>')) problems.push(`line ${line(i)}: « ]]> » in text`);
      checkReferences(text, `line ${line(i)}`, problems);
    }
    if (lt < 0) break;
    if (xml.startsWith('<?', lt)) {
      const end = xml.indexOf('?>', lt);
      if (end < 0) return [...problems, `line ${line(lt)}: unterminated processing instruction`];
      const target = /^<\?([^\s?]+)/.exec(xml.slice(lt, end))?.[1] ?? '';
      if (target.toLowerCase() === 'xml' && lt !== (xml.charCodeAt(0) === 0xfeff ? 1 : 0))
        problems.push(`line ${line(lt)}: XML declaration not at the very start`);
      i = end + 2;
    } else if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end < 0) return [...problems, `line ${line(lt)}: unterminated comment`];
      if (xml.slice(lt + 4, end).includes('--')) problems.push(`line ${line(lt)}: « -- » inside a comment`);
      i = end + 3;
    } else if (xml.startsWith('<![CDATA[', lt)) {
      if (stack.length === 0) problems.push(`line ${line(lt)}: CDATA outside the root element`);
      const end = xml.indexOf(']]>', lt);
      if (end < 0) return [...problems, `line ${line(lt)}: unterminated CDATA`];
      i = end + 3;
    } else if (xml.startsWith('<!', lt)) {
      return [...problems, `line ${line(lt)}: a DTD or declaration (not allowed in OOXML)`];
    } else if (xml.startsWith('</', lt)) {
      const end = xml.indexOf('>', lt);
      if (end < 0) return [...problems, `line ${line(lt)}: unterminated end tag`];
      const name = xml.slice(lt + 2, end).trimEnd();
      const open = stack.pop();
      if (!open) problems.push(`line ${line(lt)}: end tag </${name}> without a start tag`);
      else if (open.name !== name) problems.push(`line ${line(lt)}: </${name}> closes <${open.name}>`);
      i = end + 1;
    } else {
      // A start tag: name, then attributes in quotes, up to > or />.
      let j = lt + 1;
      const nameMatch = /^[^\s/>]+/.exec(xml.slice(j, j + 300));
      const name = nameMatch?.[0] ?? '';
      if (!QNAME.test(name)) problems.push(`line ${line(lt)}: bad element name « ${name} »`);
      j += name.length;
      const attrs = new Map<string, string>();
      let closed: 'open' | 'empty' | null = null;
      while (j < xml.length) {
        const ws = /^\s*/.exec(xml.slice(j, j + 200))![0].length;
        j += ws;
        if (xml.startsWith('/>', j)) {
          closed = 'empty';
          j += 2;
          break;
        }
        if (xml[j] === '>') {
          closed = 'open';
          j += 1;
          break;
        }
        // The name stops at white space, / or >: any attribute here follows another one without space.
        if (ws === 0) problems.push(`line ${line(j)}: attributes must be separated by white space in <${name}>`);
        const m = /^([^\s=/>]+)\s*=\s*("([^"<]*)"|'([^'<]*)')/.exec(xml.slice(j, j + 100000));
        if (!m) return [...problems, `line ${line(j)}: bad attribute in <${name}> at « ${xml.slice(j, j + 30)} »`];
        const attr = m[1]!;
        if (!QNAME.test(attr)) problems.push(`line ${line(j)}: bad attribute name « ${attr} »`);
        if (attrs.has(attr)) problems.push(`line ${line(j)}: duplicate attribute « ${attr} » in <${name}>`);
        const value = m[3] ?? m[4] ?? '';
        checkReferences(value, `line ${line(j)} <${name} ${attr}>`, problems);
        attrs.set(attr, value);
        j += m[0].length;
      }
      if (!closed) return [...problems, `line ${line(lt)}: unterminated start tag <${name}`];
      if (stack.length === 0) roots++;
      if (roots > 1 && stack.length === 0) problems.push(`line ${line(lt)}: a second root element <${name}>`);
      const ns = new Map<string, string>();
      for (const [attr, value] of attrs) {
        if (attr.startsWith('xmlns:')) {
          if (value === '') problems.push(`line ${line(lt)}: prefix « ${attr.slice(6)} » bound to an empty namespace`);
          ns.set(attr.slice(6), value);
        }
      }
      stack.push({ name, ns });
      for (const qname of [name, ...[...attrs.keys()].filter((a) => !a.startsWith('xmlns'))]) {
        const prefix = qname.includes(':') ? qname.slice(0, qname.indexOf(':')) : '';
        if (prefix && !inScope(prefix))
          problems.push(`line ${line(lt)}: prefix « ${prefix} » of « ${qname} » is not declared`);
      }
      if (closed === 'empty') stack.pop();
      i = j;
    }
  }
  if (stack.length > 0) problems.push(`unclosed element(s): ${stack.map((e) => e.name).join(' > ')}`);
  if (roots === 0) problems.push('no root element');
  return problems;
}
