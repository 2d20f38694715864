import { withPlatform } from './cli-context.ts';

// Applies central, queue and every tenant schema's migrations (what `npm start` does at boot).
const result = await withPlatform((p) => p.migrateAll());
process.stdout.write(`Migrations applied: central ${JSON.stringify(result.central)}, tenant schemas checked: ${result.tenants}\n`);
