import { AppError } from '../platform/errors.ts';
import { fail, parseArgs, withPlatform } from './cli-context.ts';

const USAGE = 'Uso: npm run company:rotate-key -- --slug agua-pura\n' +
  'Crea una clave de API nueva para la empresa; la anterior deja de funcionar en ese momento.';

const args = parseArgs(process.argv.slice(2));
if (args.help || !args.slug || args.slug === 'true') fail(USAGE);

try {
  const result = await withPlatform(async (p) => {
    const company = await p.companies.getCompany(args.slug!);
    return { slug: company.slug, apiKey: await p.apiKeys.rotate(company.id) };
  });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write('Guarda la apiKey: no se vuelve a mostrar. La clave anterior ya no funciona.\n');
} catch (err) {
  if (err instanceof AppError) fail(err.message);
  throw err;
}
