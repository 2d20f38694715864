// Deadlocks PostgreSQL reported in the bench database: the pg_stat_database counter (exact, but
// published by each backend with a delay), and, when the server log is readable, the
// `deadlock detected` reports themselves with their DETAIL/CONTEXT/STATEMENT lines.
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { BENCH_DATABASE, sleep } from './bench-platform.ts';

/**
 * pg_stat_database.deadlocks for the current database once it has stopped moving. A backend
 * publishes its counters when it goes idle, at most once a second (PostgreSQL 15+: otherwise
 * 10 s later if it stays idle; before 15, through the stats collector, about 0.5 s), so the
 * value is read until two readings a second apart agree.
 */
export async function settledDeadlocks(pool: pg.Pool, maxWaitMs = 15_000): Promise<number> {
  const read = async () => {
    // Our own snapshot is cached per transaction; drop it so each reading is fresh.
    await pool.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await pool.query<{ n: string }>('SELECT deadlocks AS n FROM pg_stat_database WHERE datname = current_database()');
    return Number(rows[0]?.n ?? 0);
  };
  let last = await read();
  for (let waited = 0; waited < maxWaitMs; waited += 1000) {
    await sleep(1000);
    const now = await read();
    if (now === last) return now;
    last = now;
  }
  return last;
}

/** The server log to scan: `explicit`, else the newest readable file in /var/log/postgresql. */
function findServerLog(explicit: string | undefined): string | undefined {
  if (explicit) return explicit;
  const dir = '/var/log/postgresql';
  if (!existsSync(dir)) return undefined;
  const logs = readdirSync(dir).filter((n) => n.endsWith('.log')).map((n) => path.join(dir, n));
  return logs.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

function readBetween(file: string, from: number, to: number): string {
  const fd = openSync(file, 'r');
  try {
    if (to <= from) return '';
    const buf = Buffer.alloc(to - from);
    readSync(fd, buf, 0, buf.length, from);
    return buf.toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * One `deadlock detected` report: when (epoch ms, from the log line), its lines, its statement,
 * and where in it the lock was waited for (CONTEXT, with the PL/pgSQL function line if any).
 */
export type DeadlockReport = { at: number; text: string; statement: string; context: string };

// With Debian's log_line_prefix ('%m [%p] %q%u@%d '), a report of the bench database starts with
// `… [pid] user@mostrador_bench ERROR:  deadlock detected`, and its DETAIL, CONTEXT and
// STATEMENT lines (continued by tab-indented lines) follow it in one write.
const OWN_LINE = new RegExp(`^\\S+ \\S+ \\S+ \\[(\\d+)\\] \\S*@${BENCH_DATABASE} (\\w+):  `);

export function parseDeadlockReports(log: string): DeadlockReport[] {
  const lines = log.split('\n');
  const reports: DeadlockReport[] = [];
  for (let i = 0; i < lines.length; i++) {
    const head = OWN_LINE.exec(lines[i]!);
    if (!head || head[2] !== 'ERROR' || !lines[i]!.includes('deadlock detected')) continue;
    const first = lines[i]!;
    const block = [first];
    let statement = '';
    let context = '';
    let field = '';
    for (let j = i + 1; j < lines.length; j++) {
      const line = lines[j]!;
      const own = OWN_LINE.exec(line);
      if (line.startsWith('\t') || (own && own[1] === head[1] && ['DETAIL', 'HINT', 'CONTEXT', 'STATEMENT'].includes(own[2]!))) {
        block.push(line);
        if (own) {
          field = own[2]!;
          if (field === 'STATEMENT') statement = line.slice(own[0].length);
          if (field === 'CONTEXT') context = line.slice(own[0].length);
        } else if (field === 'STATEMENT') statement += ` ${line.trim()}`;
        else if (field === 'CONTEXT' && /^\t(PL\/pgSQL|SQL) function/.test(line)) context += ` / ${line.trim()}`;
        i = j;
      } else break;
    }
    // Debian's %m: '2026-12-01 13:22:18.755 UTC' (a zone other than UTC is read as local time).
    const [date, time, zone] = first.split(' ');
    const at = Date.parse(`${date}T${time}${zone === 'UTC' || zone === 'GMT' ? 'Z' : ''}`);
    reports.push({ at, text: block.join('\n'), statement: statement.replace(/\s+/g, ' ').trim(), context });
  }
  return reports;
}

/**
 * The server log, if it can be read: `mark()` is its current end, `reports(from, to)` the
 * deadlock reports of the bench database written between two marks, `save()` keeps them.
 */
export function watchServerLog(explicit: string | undefined) {
  const file = findServerLog(explicit);
  let start = 0;
  let readable = false;
  if (file) {
    try {
      closeSync(openSync(file, 'r'));
      start = statSync(file).size;
      readable = true;
    } catch {
      readable = false;
    }
  }
  return {
    file,
    readable,
    mark: () => (readable && file ? statSync(file).size : 0),
    reports(from = start, to?: number): DeadlockReport[] {
      if (!readable || !file) return [];
      return parseDeadlockReports(readBetween(file, from, to ?? statSync(file).size));
    },
    save(reports: DeadlockReport[]): string | undefined {
      if (reports.length === 0) return undefined;
      mkdirSync('.data', { recursive: true });
      const out = path.join('.data', `bench-deadlocks-${new Date().toISOString().replace(/[:.]/g, '-')}.log`);
      writeFileSync(out, `${reports.map((r) => r.text).join('\n\n')}\n`);
      return out;
    },
  };
}

/** Lines summarising deadlock reports: how many, by where the lock was waited for and statement. */
export function describeReports(reports: DeadlockReport[], savedTo: string | undefined): string[] {
  if (reports.length === 0) return [];
  const byPlace = new Map<string, number>();
  for (const r of reports) {
    // The tuple named in CONTEXT differs every time; the relation and the function line do not.
    const context = r.context.replace(/tuple \(\d+,\d+\)/, 'tuple') || '(no CONTEXT line)';
    const key = `${context}\n       in: ${r.statement.slice(0, 120) || '(no STATEMENT line)'}`;
    byPlace.set(key, (byPlace.get(key) ?? 0) + 1);
  }
  return [
    `   server log: ${reports.length} 'deadlock detected' reports${savedTo ? `, saved with DETAIL/CONTEXT in ${savedTo}` : ''}; by place:`,
    ...[...byPlace].sort((a, b) => b[1] - a[1]).map(([s, n]) => `     ${n} × ${s}`),
  ];
}
