/**
 * A local check of an add-in-only manifest (TaskPaneApp 1.1 with VersionOverrides 1.0) against the rules of
 * Microsoft's schema and reference that this add-in touches: `office-addin-manifest validate` needs the
 * internet, so the tests check here both manifest.xml and the dist/manifest.xml a build writes.
 * Returns the problems found, one line each; none means valid by these rules.
 */
import { parseXml, walk, type XmlElement } from '../../helpers/xml';

/** OfficeApp's children in the order the schema requires (Id … Permissions mandatory, the rest optional). */
export const OFFICE_APP_ORDER = [
  'Id',
  'AlternateId',
  'Version',
  'ProviderName',
  'DefaultLocale',
  'DisplayName',
  'Description',
  'IconUrl',
  'HighResolutionIconUrl',
  'SupportUrl',
  'AppDomains',
  'Hosts',
  'Requirements',
  'DefaultSettings',
  'Permissions',
  'AllowSnapshot',
  'VersionOverrides',
];
const REQUIRED_CHILDREN = ['Id', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description'];

/** bt:Image sizes of a ribbon Icon (Icon element reference): three required, five more allowed. */
export const ICON_REQUIRED = [16, 32, 80];
export const ICON_ALLOWED = [16, 20, 24, 32, 40, 48, 64, 80];

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NAMESPACE = /^xmlns(:|$)/;

export function manifestProblems(xml: string): string[] {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    return [`not well-formed XML: ${error instanceof Error ? error.message : String(error)}`];
  }
  const problems: string[] = [];
  if (root.name !== 'OfficeApp') problems.push(`root element is ${root.name}, not OfficeApp`);
  if (root.attributes.xmlns !== 'http://schemas.microsoft.com/office/appforoffice/1.1')
    problems.push('OfficeApp is not in the appforoffice 1.1 namespace');
  if (root.attributes['xsi:type'] !== 'TaskPaneApp') problems.push('OfficeApp is not a TaskPaneApp');

  const names = root.children.map((c) => c.name);
  const positions = names.map((n) => OFFICE_APP_ORDER.indexOf(n));
  names.forEach((n, i) => {
    if (positions[i]! < 0) problems.push(`OfficeApp has an unknown child ${n}`);
    else if (i > 0 && positions[i]! <= positions[i - 1]!) problems.push(`OfficeApp child ${n} is out of order`);
  });
  for (const name of REQUIRED_CHILDREN) if (!names.includes(name)) problems.push(`OfficeApp lacks ${name}`);
  const text = (name: string) => root.children.find((c) => c.name === name)?.text.trim() ?? '';
  if (!GUID.test(text('Id'))) problems.push(`Id « ${text('Id')} » is not a GUID`);
  if (!/^\d{1,5}(\.\d{1,5}){0,3}$/.test(text('Version'))) problems.push(`Version « ${text('Version')} » is malformed`);

  const all = walk(root);
  // Every URL the add-in names (not the XML namespaces) is https.
  for (const el of all) {
    const values = [
      ...Object.entries(el.attributes)
        .filter(([name]) => !NAMESPACE.test(name))
        .map(([, v]) => v),
      el.text.trim(),
    ];
    for (const v of values)
      if (/^[a-z]+:\/\//i.test(v) && !v.startsWith('https://')) problems.push(`${v} is not https`);
  }

  // Resources: ids unique and at most 32 characters, every resid resolves, string lengths within the limits.
  const ids = new Map<string, XmlElement>();
  for (const el of all.filter((e) => e.attributes.id && /^bt:(Image|Url|String)$/.test(e.name))) {
    const id = el.attributes.id!;
    if (ids.has(id)) problems.push(`resource id ${id} is defined twice`);
    if (id.length > 32) problems.push(`resource id ${id} is longer than 32 characters`);
    ids.set(id, el);
  }
  for (const el of all.filter((e) => e.attributes.resid)) {
    const resid = el.attributes.resid!;
    if (!ids.has(resid)) problems.push(`${el.name} resid ${resid} is not defined in Resources`);
  }
  for (const [group, max] of [
    ['bt:ShortStrings', 125],
    ['bt:LongStrings', 250],
  ] as const)
    for (const list of all.filter((e) => e.name === group))
      for (const s of list.children) {
        const values = [s.attributes.DefaultValue ?? '', ...s.children.map((o) => o.attributes.Value ?? '')];
        for (const v of values)
          if (v.length > max) problems.push(`${s.attributes.id} is longer than ${max} characters in ${group}`);
      }

  // Ribbon icons: sizes 16, 32 and 80 required, only the allowed ones, each once, each an image resource.
  for (const icon of all.filter((e) => e.name === 'Icon' && !e.attributes['xsi:type'])) {
    const sizes = icon.children.map((image) => Number(image.attributes.size));
    for (const size of sizes) if (!ICON_ALLOWED.includes(size)) problems.push(`Icon has a size ${size} image`);
    for (const size of ICON_REQUIRED) if (!sizes.includes(size)) problems.push(`Icon lacks its size ${size} image`);
    if (new Set(sizes).size !== sizes.length) problems.push('Icon repeats a size');
    for (const image of icon.children)
      if (ids.get(image.attributes.resid ?? '')?.name !== 'bt:Image')
        problems.push(`Icon image ${image.attributes.resid} is not a bt:Image resource`);
  }

  // An AppDomain is another domain the pane navigates to: the pane's own one is never listed.
  const source = all.find((e) => e.name === 'SourceLocation' && e.attributes.DefaultValue)?.attributes.DefaultValue;
  for (const domain of all.filter((e) => e.name === 'AppDomain'))
    if (source && new URL(domain.text.trim()).origin === new URL(source).origin)
      problems.push(`AppDomain ${domain.text.trim()} repeats the pane's own origin`);
  return problems;
}
