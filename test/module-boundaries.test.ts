import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The module rules of STYLE.md, read from the source: a module is reached only through its
// index.ts, and modules do not depend on each other in a circle (type-only imports count: a
// cycle of types is still two modules that cannot be understood one without the other).

const SRC = path.resolve(import.meta.dirname, '../src');
const MODULES = path.join(SRC, 'modules');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'generated' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

// Static `import … from '…'`, `export … from '…'`, side-effect `import '…'` and `import('…')`.
const IMPORT = /(?:^|[;\s])(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Relative specifiers a file imports, resolved to absolute paths (packages are left out). */
export function importsOf(file: string, text = readFileSync(file, 'utf8')): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  return [...code.matchAll(IMPORT)]
    .map((m) => m[1] ?? m[2]!)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => path.resolve(path.dirname(file), spec));
}

/** The module a path belongs to (`src/modules/<name>/…`), or null outside modules. */
const moduleOf = (file: string) => {
  const rel = path.relative(MODULES, file);
  return rel.startsWith('..') || !rel.includes(path.sep) ? null : rel.split(path.sep)[0]!;
};

type Edge = { from: string; to: string; file: string; target: string };

function moduleImports(): Edge[] {
  return sourceFiles(MODULES).flatMap((file) =>
    importsOf(file).flatMap((target) => {
      const from = moduleOf(file);
      const to = moduleOf(target);
      return from && to && from !== to ? [{ from, to, file, target }] : [];
    }),
  );
}

/** Module-level cycles, each as the list of modules around it (one per strongly connected group). */
export function moduleCycles(edges: { from: string; to: string }[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const e of edges) next.set(e.from, (next.get(e.from) ?? new Set()).add(e.to));
  // Tarjan's strongly connected components.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const v of next.keys()) if (!index.has(v)) visit(v);
  return groups;
}

const rel = (p: string) => path.relative(path.resolve(SRC, '..'), p);

describe('module boundaries', () => {
  it('the scanner reads every kind of import and finds cycles', () => {
    const file = path.join(MODULES, 'a', 'x.ts');
    const text = [
      "import { a } from '../b/index.ts';",
      "import type { T } from '../c/internal.ts';",
      "export { d } from './d.ts';",
      "import './side-effect.ts';",
      "const m = await import('../e/lazy.ts');",
      "// import { no } from '../f/commented.ts';",
      "import { z } from 'zod';",
    ].join('\n');
    expect(importsOf(file, text).map(rel)).toEqual([
      'src/modules/b/index.ts', 'src/modules/c/internal.ts', 'src/modules/a/d.ts',
      'src/modules/a/side-effect.ts', 'src/modules/e/lazy.ts',
    ]);
    expect(moduleCycles([{ from: 'a', to: 'b' }, { from: 'b', to: 'c' }, { from: 'c', to: 'a' }, { from: 'c', to: 'd' }])).toEqual([['a', 'b', 'c']]);
    expect(moduleCycles([{ from: 'a', to: 'b' }, { from: 'b', to: 'c' }])).toEqual([]);
  });

  it('a module imports another module only through its index.ts', () => {
    const offenders = moduleImports()
      .filter((e) => path.relative(path.join(MODULES, e.to), e.target) !== 'index.ts')
      .map((e) => `${rel(e.file)} imports ${rel(e.target)}`);
    expect(offenders).toEqual([]);
  });

  it('modules do not import each other in a cycle', () => {
    const edges = moduleImports();
    const cycles = moduleCycles(edges).map((group) => {
      const inside = edges.filter((e) => group.includes(e.from) && group.includes(e.to));
      const pairs = [...new Set(inside.map((e) => `${e.from} → ${e.to} (${rel(e.file)})`))];
      return `${group.join(' ↔ ')}: ${pairs.join('; ')}`;
    });
    expect(cycles).toEqual([]);
  });

  it('the composition root, the CLI, the demo and the platform reach modules only through their index.ts', () => {
    const offenders = sourceFiles(SRC)
      .filter((file) => moduleOf(file) === null)
      .flatMap((file) => importsOf(file).map((target) => ({ file, target, to: moduleOf(target) })))
      .filter((e) => e.to !== null && path.relative(path.join(MODULES, e.to), e.target) !== 'index.ts')
      .map((e) => `${rel(e.file)} imports ${rel(e.target)}`);
    expect(offenders).toEqual([]);
  });
  it('only the messages module writes the message log (its writers keep the inbox\'s conversation rows current)', () => {
    // The conversations' last-message and unread columns are moved on by the message log's
    // writers, not by a trigger: a message inserted anywhere else would leave the inbox stale.
    const writes = /INSERT\s+INTO\s+\S*\bmessages"?\s*\(|\.message\.(?:create|createMany|upsert)\(/i;
    const outside = sourceFiles(SRC).filter((f) => !f.startsWith(path.join(MODULES, 'messages') + path.sep) && writes.test(readFileSync(f, 'utf8')));
    expect(outside.map((f) => path.relative(SRC, f))).toEqual([]);
  });
});
