import { ZodError } from 'zod';
import { AppError } from '../platform/errors.ts';
import { fail, parseArgs, withPlatform } from './cli-context.ts';

const USAGE = `Uso: npm run company:create -- --slug agua-pura --name "Agua Pura" [--plan basico|completo|premium]
  [--currency MXN] [--locale es-MX] [--timezone America/Mexico_City] [--admin-phone 5215511112222]
  [--admin-order-template nuevo_pedido] [--status-update-template estado_pedido]
  [--business-type agua] [--database-url postgres://…]
  [--phone-number-id 1065… --access-token EAAG… [--display-phone 5215550001111] [--waba-id 1022…] [--throughput 80]]
  o un número de Twilio:
  [--provider twilio --account-sid AC… --auth-token … --whatsapp-number +14155238886
   [--messaging-service-sid MG…] [--content-sid nuevo_pedido=HX… --content-sid estado_pedido=HX…] [--throughput 80]]`;

const argv = process.argv.slice(2);
const args = parseArgs(argv);
if (args.help || !args.slug || !args.name) fail(USAGE);

/** Every `--content-sid name=HX…` (the flag may be repeated). */
function contentSids(): Record<string, string> | undefined {
  const pairs: [string, string][] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = a.startsWith('--content-sid=') ? a.slice('--content-sid='.length) : a === '--content-sid' ? argv[i + 1] : undefined;
    if (value === undefined) continue;
    const [name, sid] = value.split('=', 2);
    if (!name || !sid) fail(`--content-sid: escribe nombre_de_plantilla=HX…, no "${value}"`);
    pairs.push([name, sid]);
  }
  return pairs.length > 0 ? Object.fromEntries(pairs) : undefined;
}

const throughput = args.throughput ? Number(args.throughput) : undefined;
const channel =
  args.provider === 'twilio'
    ? {
        provider: 'twilio',
        accountSid: args['account-sid'],
        authToken: args['auth-token'],
        whatsappNumber: args['whatsapp-number'],
        messagingServiceSid: args['messaging-service-sid'],
        contentSids: contentSids(),
        throughputPerSecond: throughput,
      }
    : args['phone-number-id'] || args.provider
      ? {
          ...(args.provider ? { provider: args.provider } : {}),
          phoneNumberId: args['phone-number-id'],
          accessToken: args['access-token'] ?? '',
          displayPhoneNumber: args['display-phone'],
          wabaId: args['waba-id'],
          throughputPerSecond: throughput,
        }
      : undefined;

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
  // Absent flags stay absent: the schema's defaults apply and its messages name what is missing.
  channel: channel && Object.fromEntries(Object.entries(channel).filter(([, v]) => v !== undefined)),
};

try {
  const result = await withPlatform((p) => p.companies.createCompany(input as Parameters<typeof p.companies.createCompany>[0]));
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  if (result.apiKey) process.stdout.write('Guarda la apiKey: no se vuelve a mostrar.\n');
  for (const ch of result.company.channels) {
    if (!ch.webhookPath) continue;
    const base = process.env.PUBLIC_URL?.replace(/\/+$/, '') || '<PUBLIC_URL>';
    process.stdout.write(`En Twilio, pon como webhook de «A message comes in» (HTTP POST) del número ${ch.phoneNumberId}: ${base}${ch.webhookPath}\n`);
  }
} catch (err) {
  if (err instanceof ZodError) fail(`Datos inválidos:\n${err.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  if (err instanceof AppError) fail(err.message);
  throw err;
}
