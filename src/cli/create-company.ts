import { ZodError } from 'zod';
import { AppError } from '../platform/errors.ts';
import { fail, parseArgs, withPlatform } from './cli-context.ts';

const USAGE = `Uso: npm run company:create -- --slug agua-pura --name "Agua Pura" [--plan basico|completo|premium]
  [--currency MXN] [--locale es-MX] [--timezone America/Mexico_City] [--admin-phone 5215511112222]
  [--admin-order-template nuevo_pedido] [--status-update-template estado_pedido]
  [--business-type agua] [--database-url postgres://…]
  [--phone-number-id 1065… --access-token EAAG… [--display-phone 5215550001111] [--waba-id 1022…] [--throughput 80]]`;

const args = parseArgs(process.argv.slice(2));
if (args.help || !args.slug || !args.name) fail(USAGE);

const input = {
  slug: args.slug,
  name: args.name,
  plan: args.plan,
  currency: args.currency,
  locale: args.locale,
  timezone: args.timezone,
  adminPhone: args['admin-phone'],
  adminOrderTemplate: args['admin-order-template'],
  statusUpdateTemplate: args['status-update-template'],
  businessType: args['business-type'],
  databaseUrl: args['database-url'],
  channel: args['phone-number-id']
    ? {
        phoneNumberId: args['phone-number-id'],
        accessToken: args['access-token'] ?? '',
        displayPhoneNumber: args['display-phone'],
        wabaId: args['waba-id'],
        throughputPerSecond: args.throughput ? Number(args.throughput) : undefined,
      }
    : undefined,
};

try {
  const result = await withPlatform((p) => p.companies.createCompany(input as Parameters<typeof p.companies.createCompany>[0]));
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  if (result.apiKey) process.stdout.write('Guarda la apiKey: no se vuelve a mostrar.\n');
} catch (err) {
  if (err instanceof ZodError) fail(`Datos inválidos:\n${err.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  if (err instanceof AppError) fail(err.message);
  throw err;
}
