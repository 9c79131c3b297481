// Starts an HTTP fixture server (test/fixtures/servers/*.mjs) on 127.0.0.1 and waits for the line it
// prints once listening.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { FIXTURE_DIR } from './fixture-servers.ts';

export interface RunningFixture {
  port: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startHttpFixture(file: string, env: Record<string, string> = {}): Promise<RunningFixture> {
  const child = spawn(process.execPath, [path.join(FIXTURE_DIR, file)], {
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /^LISTENING (\d+)/.exec(line);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code} before listening`)));
  });
  return {
    port,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}
