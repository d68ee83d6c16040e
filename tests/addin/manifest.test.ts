import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LIVE_EXCEL_API, REQUIRED_EXCEL_API } from '../../addin/excel/requirements';
import { ICON_SIZES } from '../../addin/scripts/make-icons';
import { webpackConfig } from '../helpers/build-config';
import { child, parseXml, walk, type XmlElement } from '../helpers/xml';
import { manifestProblems } from './helpers/manifest-check';

const ROOT = path.resolve(__dirname, '..', '..');
const source = readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');

/** The order OfficeApp's children must follow (TaskPaneApp schema, 1.1). */
const SCHEMA_ORDER = [
  'Id',
  'Version',
  'ProviderName',
  'DefaultLocale',
  'DisplayName',
  'Description',
  'IconUrl',
  'HighResolutionIconUrl',
  'SupportUrl',
  'Hosts',
  'Requirements',
  'DefaultSettings',
  'Permissions',
  'VersionOverrides',
];

function pngSize(file: string): { width: number; height: number } {
  const data = readFileSync(file);
  expect(data.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(data.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

/** Every URL of a manifest: DefaultValue attributes that are URLs, AppDomains, and the like. */
function urls(root: XmlElement): string[] {
  const out: string[] = [];
  for (const el of walk(root)) {
    for (const [name, value] of Object.entries(el.attributes))
      if (name !== 'xmlns' && !name.startsWith('xmlns:') && /^[a-z]+:\/\//i.test(value)) out.push(value);
    if (/^[a-z]+:\/\//i.test(el.text.trim())) out.push(el.text.trim());
  }
  return out;
}

describe('manifest.xml', () => {
  const root = parseXml(source);

  it('is well-formed XML (and the checker refuses broken XML)', () => {
    expect(root.name).toBe('OfficeApp');
    expect(() => parseXml('<a><b></a></b>')).toThrow();
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow();
    expect(() => parseXml('<a>S&E</a>')).toThrow();
    expect(() => parseXml('<a x=1/>')).toThrow();
    expect(() => parseXml('<a/><b/>')).toThrow();
    expect(() => parseXml('<a>')).toThrow();
    expect(parseXml('<a t="S&amp;E">x &lt; y</a>')).toEqual({
      name: 'a',
      attributes: { t: 'S&E' },
      children: [],
      text: 'x < y',
    });
  });

  it('is a task pane add-in for Excel workbooks that reads and writes the document', () => {
    expect(root.attributes.xmlns).toBe('http://schemas.microsoft.com/office/appforoffice/1.1');
    expect(root.attributes['xsi:type']).toBe('TaskPaneApp');
    expect(child(root, 'Id').text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(child(root, 'Version').text).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(child(child(root, 'Hosts'), 'Host').attributes.Name).toBe('Workbook');
    expect(child(root, 'Permissions').text).toBe('ReadWriteDocument');
  });

  it('has its elements in the order the schema requires', () => {
    expect(root.children.map((c) => c.name)).toEqual(SCHEMA_ORDER);
  });

  it('passes the local manifest check, as written and as built for production', () => {
    expect(manifestProblems(source)).toEqual([]);
    expect(manifestProblems(webpackConfig.rewriteManifest(source, 'https://ong-mali.org/complement/'))).toEqual([]);
  });

  const supportUrl = '<SupportUrl DefaultValue="https://localhost:3000/aide.html"/>';
  it.each<[string, (xml: string) => string, string]>([
    ['broken XML', (xml) => xml.replace('S&amp;E', 'S&E'), 'not well-formed XML'],
    [
      'a child out of order',
      (xml) => xml.replace(`  ${supportUrl}\n`, '').replace('<IconUrl', `${supportUrl}<IconUrl`),
      'OfficeApp child IconUrl is out of order',
    ],
    [
      'a plain http URL',
      (xml) => xml.replace('https://localhost:3000/aide.html', 'http://localhost:3000/aide.html'),
      'http://localhost:3000/aide.html is not https',
    ],
    [
      'an unknown resid',
      (xml) => xml.replace('resid="Group.Label"', 'resid="Group.Title"'),
      'Label resid Group.Title is not defined in Resources',
    ],
    [
      'a short string over 125 characters',
      (xml) => xml.replace('DefaultValue="Suivi-évaluation"', `DefaultValue="${'x'.repeat(126)}"`),
      'Group.Label is longer than 125 characters in bt:ShortStrings',
    ],
    [
      'an icon size the schema does not allow',
      (xml) => xml.replace('<bt:Image size="40"', '<bt:Image size="36"'),
      'Icon has a size 36 image',
    ],
    [
      'an icon without its required 80',
      (xml) => xml.replace(/\s*<bt:Image size="80" resid="Icon.80x80"\/>/, ''),
      'Icon lacks its size 80 image',
    ],
    [
      'an AppDomain repeating the pane’s origin',
      (xml) =>
        xml.replace(supportUrl, `${supportUrl}<AppDomains><AppDomain>https://localhost:3000</AppDomain></AppDomains>`),
      "AppDomain https://localhost:3000 repeats the pane's own origin",
    ],
  ])('the local check finds %s', (_what, mutate, problem) => {
    const broken = mutate(source);
    expect(broken).not.toBe(source);
    expect(manifestProblems(broken)).toEqual([expect.stringContaining(problem)]);
  });

  it('is French by default with English overrides', () => {
    expect(child(root, 'DefaultLocale').text).toBe('fr-FR');
    for (const name of ['DisplayName', 'Description']) {
      const el = child(root, name);
      expect(el.attributes.DefaultValue).toBeTruthy();
      expect(child(el, 'Override').attributes).toMatchObject({ Locale: 'en-US' });
    }
    expect(child(root, 'DisplayName').attributes.DefaultValue).toBe('Contrôles S&E');
    const strings = walk(root).filter((e) => e.name === 'bt:String');
    expect(strings.length).toBeGreaterThan(3);
    for (const s of strings) {
      expect(child(s, 'bt:Override').attributes.Locale).toBe('en-US');
      const max = walk(child(child(root, 'VersionOverrides'), 'Resources'))
        .find((e) => e.name === 'bt:ShortStrings')!
        .children.includes(s)
        ? 125
        : 250;
      expect(s.attributes.DefaultValue!.length).toBeLessThanOrEqual(max);
      expect(child(s, 'bt:Override').attributes.Value!.length).toBeLessThanOrEqual(max);
    }
  });

  it('declares the ExcelApi requirement set the pane checks for, no other', () => {
    const sets = walk(child(root, 'Requirements')).filter((e) => e.name === 'Set');
    expect(sets.map((s) => s.attributes)).toEqual([{ Name: 'ExcelApi', MinVersion: REQUIRED_EXCEL_API }]);
    expect(walk(child(root, 'Requirements')).find((e) => e.name === 'Sets')!.attributes.DefaultMinVersion).toBe(
      REQUIRED_EXCEL_API,
    );
    // Live checking is optional: the manifest must not shut out the Excel versions that lack it.
    expect(Number(REQUIRED_EXCEL_API)).toBeLessThan(Number(LIVE_EXCEL_API));
  });

  it('puts a button on the Home tab that opens the task pane, every resid resolving', () => {
    const overrides = child(root, 'VersionOverrides');
    expect(overrides.attributes['xsi:type']).toBe('VersionOverridesV1_0');
    const tab = walk(overrides).find((e) => e.name === 'OfficeTab')!;
    expect(tab.attributes.id).toBe('TabHome');
    const button = walk(tab).find((e) => e.name === 'Control')!;
    expect(button.attributes['xsi:type']).toBe('Button');
    const action = child(button, 'Action');
    expect(action.attributes['xsi:type']).toBe('ShowTaskpane');
    const resources = child(overrides, 'Resources');
    const ids = new Map(
      walk(resources)
        .filter((e) => e.attributes.id)
        .map((e) => [e.attributes.id!, e]),
    );
    const refs = walk(overrides).filter((e) => e.attributes.resid);
    expect(refs.length).toBeGreaterThan(8);
    for (const ref of refs) expect([ref.name, ids.has(ref.attributes.resid!)]).toEqual([ref.name, true]);
    const paneUrl = ids.get(child(action, 'SourceLocation').attributes.resid!)!.attributes.DefaultValue;
    expect(paneUrl).toBe(child(child(root, 'DefaultSettings'), 'SourceLocation').attributes.DefaultValue);
    expect(paneUrl).toMatch(/\/taskpane\.html$/);
  });

  it('uses https URLs of one origin, the dev server', () => {
    const all = urls(root);
    expect(all.length).toBeGreaterThan(8);
    const origins = new Set(all.map((u) => new URL(u).origin));
    expect([...origins]).toEqual(['https://localhost:3000']);
    for (const u of all) expect(new URL(u).protocol).toBe('https:');
  });

  it('points at icon files that exist with the right pixel size', () => {
    const icon = (url: string) => path.join(ROOT, new URL(url).pathname);
    expect(pngSize(icon(child(root, 'IconUrl').attributes.DefaultValue!))).toEqual({ width: 32, height: 32 });
    expect(pngSize(icon(child(root, 'HighResolutionIconUrl').attributes.DefaultValue!))).toEqual({
      width: 64,
      height: 64,
    });
    const images = walk(root).filter((e) => e.name === 'bt:Image' && e.attributes.DefaultValue);
    expect(images.map((i) => i.attributes.id)).toEqual(ICON_SIZES.map((n) => `Icon.${n}x${n}`));
    for (const image of images) {
      const size = Number(/(\d+)x\1/.exec(image.attributes.id!)![1]);
      expect(pngSize(icon(image.attributes.DefaultValue!))).toEqual({ width: size, height: size });
    }
    for (const size of ICON_SIZES)
      expect(pngSize(path.join(ROOT, 'assets', `icon-${size}.png`))).toEqual({ width: size, height: size });
  });

  it('gives each ribbon icon the three required sizes and the five high-DPI ones, each of its own size', () => {
    const resources = new Map(
      walk(root)
        .filter((e) => e.name === 'bt:Image' && e.attributes.id)
        .map((e) => [e.attributes.id!, e.attributes.DefaultValue!]),
    );
    const icons = walk(child(root, 'VersionOverrides')).filter((e) => e.name === 'Icon');
    expect(icons.map((i) => walk(root).find((p) => p.children.includes(i))!.name)).toEqual(['Group', 'Control']);
    for (const icon of icons) {
      const sizes = icon.children.map((image) => Number(image.attributes.size));
      // Microsoft's manifest reference (Icon element): 16, 32 and 80 required; 20, 24, 40, 48 and 64 supported.
      expect(sizes).toEqual([16, 20, 24, 32, 40, 48, 64, 80]);
      for (const image of icon.children) {
        expect(image.name).toBe('bt:Image');
        expect(image.attributes.resid!.length).toBeLessThanOrEqual(32);
        expect(resources.get(image.attributes.resid!)).toMatch(
          new RegExp(`/assets/icon-${image.attributes.size}\\.png$`),
        );
      }
    }
  });

  it('gets the production URL at build time, everywhere', () => {
    const built = parseXml(webpackConfig.rewriteManifest(source, 'https://ong-mali.org/complement/'));
    expect(built.children.map((c) => c.name)).toEqual(SCHEMA_ORDER);
    const all = urls(built);
    expect(all.length).toBe(urls(root).length);
    for (const u of all) expect([u, u.startsWith('https://ong-mali.org/complement/')]).toEqual([u, true]);
    expect(child(child(built, 'DefaultSettings'), 'SourceLocation').attributes.DefaultValue).toBe(
      'https://ong-mali.org/complement/taskpane.html',
    );
  });

  it('sends « support » and « learn more » to the shipped help page, not to the pane', () => {
    const urlOf = (id: string) => walk(root).find((e) => e.name === 'bt:Url' && e.attributes.id === id)!;
    expect(child(root, 'SupportUrl').attributes.DefaultValue).toBe('https://localhost:3000/aide.html');
    expect(urlOf('GetStarted.LearnMoreUrl').attributes.DefaultValue).toBe('https://localhost:3000/aide.html');
  });

  it('lists no AppDomain: the pane’s own origin needs none', () => {
    expect(walk(root).filter((e) => e.name === 'AppDomains' || e.name === 'AppDomain')).toEqual([]);
  });

  describe('production URL', () => {
    const saved = process.env.ADDIN_PRODUCTION_URL;
    afterEach(() => {
      if (saved === undefined) delete process.env.ADDIN_PRODUCTION_URL;
      else process.env.ADDIN_PRODUCTION_URL = saved;
    });
    const productionUrl = (env: Record<string, string> = {}): string => webpackConfig.productionUrl(env);

    it('ships no placeholder in package.json', () => {
      const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
        config: Record<string, unknown>;
      };
      expect(pkg.config.production_url).toBeUndefined();
    });

    it('is refused when unset, saying how to set it', () => {
      delete process.env.ADDIN_PRODUCTION_URL;
      expect(() => productionUrl()).toThrow(
        /^Construction de production refusée : adresse HTTPS du complément non définie\. .*ADDIN_PRODUCTION_URL=https:\/\/.* npm run build .*config.*production_url/,
      );
      process.env.ADDIN_PRODUCTION_URL = '  ';
      expect(() => productionUrl()).toThrow(/non définie/);
    });

    it.each([
      'https://example.org/ensemble-addin/',
      'https://www.example.com/',
      'https://cdn.example.net/a/',
      'https://complement.example/',
      'https://ong.test/',
      'https://x.invalid/',
      'https://localhost/',
      'https://localhost:3000/',
      'https://127.0.0.1:8443/',
      'https://votre-site/complement/',
      'https://complements.exemple-ong.org/ensemble/',
      'https://your-site.org/addin/',
    ])('is refused on the placeholder or local host of %s', (url) => {
      expect(() => productionUrl({ productionUrl: url })).toThrow(/adresse d’exemple ou locale.*ADDIN_PRODUCTION_URL/);
    });

    it('is refused without https, or with a query', () => {
      expect(() => productionUrl({ productionUrl: 'http://ong-mali.org/' })).toThrow(/https:\/\//);
      expect(() => productionUrl({ productionUrl: 'ong-mali.org' })).toThrow(/n’est pas une adresse web/);
      expect(() => productionUrl({ productionUrl: 'https://ong-mali.org/?v=1' })).toThrow(/dossier/);
    });

    it('is taken from --env productionUrl, else ADDIN_PRODUCTION_URL, as a folder URL', () => {
      process.env.ADDIN_PRODUCTION_URL = 'https://plan-mali.github.io/ensemble';
      expect(productionUrl()).toBe('https://plan-mali.github.io/ensemble/');
      expect(productionUrl({ productionUrl: 'https://ong-mali.org/complement/' })).toBe(
        'https://ong-mali.org/complement/',
      );
    });
  });
});
