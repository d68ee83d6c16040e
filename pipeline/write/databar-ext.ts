import { type Package, sheetParts } from './charts';

/**
 * exceljs' streaming writer gives each data bar rule an `<extLst>` pointing, through an empty
 * `<x14:id/>`, at an Excel 2010 extension it never writes. Excel may call that damage and offer a
 * repair. Without the dangling reference the rule is a plain data bar that every viewer draws.
 */
const DANGLING = /<extLst><ext uri="\{B025F937-C7B1-47D3-B67F-A62EFF666E3E\}"[^>]*><x14:id\/><\/ext><\/extLst>/g;

export async function dropDanglingDataBarExtensions(pkg: Package, sheets: readonly string[]): Promise<void> {
  const parts = await sheetParts(pkg);
  for (const name of sheets) {
    const part = parts.get(name);
    if (!part) throw new Error(`no sheet « ${name} » in the package`);
    const xml = await pkg.read(part);
    const cleaned = xml.replace(DANGLING, '');
    if (cleaned !== xml) pkg.write(part, cleaned);
  }
}
