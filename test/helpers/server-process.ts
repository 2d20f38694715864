import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export type LogLine = { level?: number; msg?: string; [key: string]: unknown };

/**
 * The platform as a separate process (`node --import tsx src/main.ts`, or any command such as
 * `npm run start`), with only the environment given: no .env file, no settings inherited from
 * the test runner. Its stdout is read as JSON log lines. If the test runner dies, the platform
 * notices its parent is gone and stops.
 */
export function startServerProcess(env: Record<string, string>, command: string[] = [process.execPath, '--import', 'tsx', 'src/main.ts']) {
  const child: ChildProcess = spawn(command[0]!, command.slice(1), {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DOTENV_CONFIG_PATH: '/dev/null', LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A process group of its own, as a terminal gives a command: a test can send a signal to the
    // whole group (Ctrl-C), and a Ctrl-C meant for the test runner does not reach it.
    detached: true,
  });
  const lines: LogLine[] = [];
  const raw: string[] = [];
  let stderr = '';
  createInterface({ input: child.stdout! }).on('line', (line) => {
    raw.push(line);
    if (process.env.TEST_CHILD_OUTPUT) process.stdout.write(`[child] ${line}\n`);
    try {
      lines.push(JSON.parse(line) as LogLine);
    } catch {
      // npm's own banner lines
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  // Resolves when the process has exited and its output has been read to the end.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  return {
    child,
    lines,
    raw,
    get stderr() {
      return stderr;
    },
    exited,
    /** Waits for a log line matching `test`, or for the process to end first (then throws). */
    async waitForLine(test: (l: LogLine) => boolean, timeoutMs = 60_000): Promise<LogLine> {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = lines.find(test);
        if (found) return found;
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`process ended (${child.exitCode ?? child.signalCode}) before the line:\n${raw.join('\n')}\n${stderr}`);
        if (Date.now() > until) throw new Error(`timed out waiting for a log line:\n${raw.join('\n')}\n${stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

/** Whether something accepts HTTP on the port. */
export const answers = (port: number) =>
  fetch(`http://127.0.0.1:${port}/healthz`).then(
    () => true,
    () => false,
  );
