// Generates both Prisma clients (central and tenant).
//
// Prisma's schema engine is a native binary that `prisma` normally downloads; machines without
// internet cannot fetch it. `prisma generate` does not use the engine, only checks that one is
// configured, so when no engine is installed we point PRISMA_SCHEMA_ENGINE_BINARY at an existing
// harmless file. Migrations never need the engine: they are SQL applied by our own migrator.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const env = { ...process.env };

function installedSchemaEngine() {
  const dir = path.join(root, 'node_modules', '@prisma', 'engines');
  if (!existsSync(dir)) return undefined;
  return readdirSync(dir).find((f) => f.startsWith('schema-engine'));
}

if (!env.PRISMA_SCHEMA_ENGINE_BINARY && !installedSchemaEngine()) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
}

const cli = path.join(root, 'node_modules', 'prisma', 'build', 'index.js');
// `--if-missing`: used before start/test so a fresh clone works even when npm skipped postinstall.
if (process.argv.includes('--if-missing') && ['central', 'tenant'].every((w) => existsSync(path.join(root, 'src', 'generated', w, 'client.ts')))) {
  process.exit(0);
}
for (const which of ['central', 'tenant']) {
  execFileSync(process.execPath, [cli, 'generate', '--schema', `prisma/${which}/schema.prisma`], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
}
