/** Starting sender-child.ts processes from tests and the bench, and reading their output lines. */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sender-child.ts');

/** A running child, its output lines as they come, and its exit. */
export interface SenderChild {
  process: ChildProcess;
  /** Resolves with the first line that `match` accepts. */
  waitForLine(match: (line: string) => boolean): Promise<string>;
  onLine(listener: (line: string) => void): void;
  exited: Promise<number | null>;
}

/** Starts `sender-child.ts <mode>` with extra environment. */
export function spawnSenderChild(mode: 'send' | 'start', env: Record<string, string>): SenderChild {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, mode], { env: { ...process.env, DATABASE_URL: '', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const listeners = new Set<(line: string) => void>();
  if (child.stdout) createInterface({ input: child.stdout }).on('line', (line) => {
    for (const listener of listeners) listener(line);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    process: child,
    onLine: (listener) => listeners.add(listener),
    waitForLine: (match) =>
      new Promise((resolve, reject) => {
        const listener = (line: string) => {
          if (!match(line)) return;
          listeners.delete(listener);
          resolve(line);
        };
        listeners.add(listener);
        void exited.then((code) => reject(new Error(`child exited with ${code} before the expected line`)));
      }),
    exited,
  };
}
