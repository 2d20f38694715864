import { AppError } from '../platform/errors.ts';
import { fail, parseArgs, withPlatform } from './cli-context.ts';

const USAGE =
  'Uso: npm run user:admin -- <correo> [--off]\n' +
  'Da (o quita, con --off) el rol de operador de la plataforma a una cuenta ya registrada: ve y administra todas las empresas.';

const argv = process.argv.slice(2);
const args = parseArgs(argv);
const email = argv.find((a) => !a.startsWith('--'));
if (args.help || !email) fail(USAGE);

try {
  await withPlatform((p) => p.auth.setPlatformAdmin(email!, args.off !== 'true'));
  process.stdout.write(`${email}: ${args.off === 'true' ? 'ya no es' : 'ahora es'} operador de la plataforma. Sus sesiones abiertas lo ven en la próxima solicitud.\n`);
} catch (err) {
  if (err instanceof AppError) fail(err.message);
  throw err;
}
