import { readFileSync } from 'node:fs';
import { AppError } from '../platform/errors.ts';
import { applyProductImport, previewProductImport, type ImportPreview } from '../modules/catalog/index.ts';
import { fail, parseArgs, withPlatform } from './cli-context.ts';

const USAGE = 'Uso: npm run products:import -- --company <slug> --file productos.csv [--dry-run] [--deactivate-missing]\n' +
  'Columnas: sku,nombre,descripcion,categoria,precio,unidad,existencias,activo,imagen (o en inglés: sku,name,description,category,price,unit,stock,active,image_url)\n' +
  '--dry-run muestra qué cambiaría sin escribir nada; --deactivate-missing desactiva los productos que no están en el archivo.';

const args = parseArgs(process.argv.slice(2));
if (args.help || !args.company || !args.file) fail(USAGE);

let text: string;
try {
  text = readFileSync(args.file, 'utf8');
} catch {
  fail(`No se pudo leer el archivo ${args.file}`);
}

const summary = (p: ImportPreview) =>
  `nuevos ${p.summary.create}, actualizados ${p.summary.update}, desactivados ${p.summary.deactivate}, sin cambios ${p.summary.unchanged}` +
  (p.newCategories.length ? `; categorías nuevas: ${p.newCategories.join(', ')}` : '');

try {
  const dryRun = Boolean(args['dry-run']);
  const result = await withPlatform(async (p) => {
    const company = await p.companies.getCompany(args.company!);
    const db = p.tenants.get(company.dbConnectionConfig as { schema: string; url?: string });
    const plan = { activeProductLimit: company.plan.activeProductLimit, schema: company.schemaName };
    const opts = { deactivateMissing: Boolean(args['deactivate-missing']) };
    return dryRun ? previewProductImport(db, text, plan, opts) : applyProductImport(db, text, plan, { ...opts, storage: p.storage });
  });
  if (result.errors.length) fail(`No se importó nada; corrige el archivo:\n${result.errors.map((e) => e.message).join('\n')}`);
  process.stdout.write(`${dryRun ? 'Vista previa (nada se escribió)' : 'Productos importados'} en ${args.company}: ${summary(result)}\n`);
} catch (err) {
  if (err instanceof AppError) {
    const details = (err.details as { errors?: { message: string }[] } | undefined)?.errors;
    fail(details ? `No se importó nada; corrige el archivo:\n${details.map((e) => e.message).join('\n')}` : err.message);
  }
  throw err;
}
