import { readFileSync } from 'node:fs';
import path from 'node:path';
import { webpackConfig } from '../helpers/build-config';
import { child, parseXml, walk, type XmlElement } from '../helpers/xml';

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
  'AppDomains',
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

  it('asks for no more than the base requirement set', () => {
    const sets = walk(child(root, 'Requirements')).filter((e) => e.name === 'Set');
    expect(sets.length).toBeGreaterThan(0);
    for (const set of sets) {
      expect(set.attributes.Name).toBe('ExcelApi');
      expect(Number(set.attributes.MinVersion ?? '1.1')).toBeLessThanOrEqual(1.1);
    }
    expect(
      Number(walk(child(root, 'Requirements')).find((e) => e.name === 'Sets')!.attributes.DefaultMinVersion),
    ).toBeLessThanOrEqual(1.1);
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
    expect(images.map((i) => i.attributes.id)).toEqual(['Icon.16x16', 'Icon.32x32', 'Icon.80x80']);
    for (const image of images) {
      const size = Number(/(\d+)x\1/.exec(image.attributes.id!)![1]);
      expect(pngSize(icon(image.attributes.DefaultValue!))).toEqual({ width: size, height: size });
    }
    for (const size of [16, 32, 64, 80])
      expect(pngSize(path.join(ROOT, 'assets', `icon-${size}.png`))).toEqual({ width: size, height: size });
  });

  it('gets the production URL at build time, everywhere, with the AppDomain as an origin', () => {
    const built = parseXml(webpackConfig.rewriteManifest(source, 'https://ong.example.org/complement/'));
    expect(built.children.map((c) => c.name)).toEqual(SCHEMA_ORDER);
    const all = urls(built);
    expect(all.join(' ')).not.toContain('localhost');
    for (const u of all)
      expect(u === 'https://ong.example.org' || u.startsWith('https://ong.example.org/complement/')).toBe(true);
    expect(child(child(built, 'AppDomains'), 'AppDomain').text).toBe('https://ong.example.org');
    expect(child(child(built, 'DefaultSettings'), 'SourceLocation').attributes.DefaultValue).toBe(
      'https://ong.example.org/complement/taskpane.html',
    );
  });

  it('takes the production URL from ADDIN_PRODUCTION_URL, else package.json, and insists on https', () => {
    const saved = process.env.ADDIN_PRODUCTION_URL;
    try {
      delete process.env.ADDIN_PRODUCTION_URL;
      const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
        config: { production_url: string };
      };
      expect(webpackConfig.productionUrl()).toBe(new URL(pkg.config.production_url).href.replace(/\/?$/, '/'));
      process.env.ADDIN_PRODUCTION_URL = 'https://s3.example.net/addin';
      expect(webpackConfig.productionUrl()).toBe('https://s3.example.net/addin/');
      process.env.ADDIN_PRODUCTION_URL = 'http://insecure.example.net/';
      expect(() => webpackConfig.productionUrl()).toThrow(/https/);
    } finally {
      if (saved === undefined) delete process.env.ADDIN_PRODUCTION_URL;
      else process.env.ADDIN_PRODUCTION_URL = saved;
    }
  });
});
