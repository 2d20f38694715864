import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../platform/errors.ts';
import { productInputSchema, upsertProducts } from '../modules/catalog/index.ts';
import { productsFromCsv } from './csv.ts';
import { fail, parseArgs, withPlatform } from './cli-context.ts';

const USAGE = 'Uso: npm run products:import -- --company <slug> --file productos.csv\n' +
  'Columnas: sku,nombre,descripcion,precio,unidad,existencias,activo,imagen (o en inglés: sku,name,description,price,unit,stock,active,image_url)';

const args = parseArgs(process.argv.slice(2));
if (args.help || !args.company || !args.file) fail(USAGE);

let text: string;
try {
  text = readFileSync(args.file, 'utf8');
} catch {
  fail(`No se pudo leer el archivo ${args.file}`);
}
const { items, errors } = productsFromCsv(text);
if (errors.length) fail(errors.join('\n'));
const problems: string[] = [];
const products = items.flatMap((item, i) => {
  const r = productInputSchema.safeParse(item);
  if (r.success) return [r.data];
  problems.push(...r.error.issues.map((iss) => `Línea ${i + 2}: ${iss.path.join('.') || 'fila'}: ${iss.message}`));
  return [];
});
if (problems.length) fail(`No se importó nada; corrige el archivo:\n${problems.join('\n')}`);

try {
  const result = await withPlatform(async (p) => {
    const company = await p.companies.getCompany(args.company!);
    const db = p.tenants.get(company.dbConnectionConfig as { schema: string; url?: string });
    return upsertProducts(db, z.array(productInputSchema).parse(products), { activeProductLimit: company.plan.activeProductLimit, schema: company.schemaName });
  });
  process.stdout.write(`Productos importados en ${args.company}: ${JSON.stringify(result)}\n`);
} catch (err) {
  if (err instanceof AppError) fail(err.message);
  throw err;
}
