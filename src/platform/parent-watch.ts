import { readFileSync } from 'node:fs';

const SHELLS = new Set(['sh', 'dash', 'bash', 'zsh', 'ash']);

/** Parent pid, command name and state of a process, from /proc (Linux); undefined elsewhere. */
function statOf(pid: number): { ppid: number; comm: string; state: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may itself contain spaces and parentheses.
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const [state = '', ppid] = stat.slice(close + 2).split(' ');
    return Number.isInteger(Number(ppid)) ? { ppid: Number(ppid), comm, state } : undefined;
  } catch {
    return undefined;
  }
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // A killed process its parent has not reaped yet is a zombie: gone all the same.
  return statOf(pid)?.state !== 'Z';
};

/**
 * Calls `onGone` once the process that launched this one is gone: the parent (this process is
 * then re-parented and nobody would ever stop it), and under `npm start` also npm itself, which
 * runs the script through `sh -c`: when npm is killed outright, the shell stays alive waiting
 * for us and only npm disappears. A parent that is PID 1 (containers, systemd) is not watched.
 */
export function watchLauncher(onGone: (who: string) => void, intervalMs = 1000): void {
  const parent = process.ppid;
  if (parent <= 1) return;
  const watched = new Map<number, string>([[parent, 'parent process']]);
  const parentStat = statOf(parent);
  if (process.env.npm_lifecycle_event && parentStat && SHELLS.has(parentStat.comm) && parentStat.ppid > 1) {
    watched.set(parentStat.ppid, 'npm');
  }
  const timer = setInterval(() => {
    const gone = process.ppid !== parent ? 'parent process' : [...watched].find(([pid]) => !isAlive(pid))?.[1];
    if (gone) {
      clearInterval(timer);
      onGone(gone);
    }
  }, intervalMs);
  timer.unref();
}
