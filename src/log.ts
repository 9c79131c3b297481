// Logs and progress go to stderr; stdout is for results. On a TTY progress is one updating line;
// otherwise a line per item for small runs, or one every 10 s for large ones.
import { clearLine, cursorTo } from 'node:readline';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
}

export function createLogger(options: { debug?: boolean; quiet?: boolean } = {}): Logger {
  const write = (line: string) => process.stderr.write(`${line}\n`);
  return {
    info: (m) => (options.quiet ? undefined : write(m)),
    warn: (m) => write(`warning: ${m}`),
    debug: (m) => (options.debug ? write(`debug: ${m}`) : undefined),
  };
}

export interface Progress {
  /** One item finished; `ok` false counts as a failure; `note` is shown with it. */
  tick(label: string, ok: boolean, note: string): void;
  done(): void;
}

export function createProgress(total: number, options: { quiet?: boolean } = {}): Progress {
  const stream = process.stderr;
  const tty = stream.isTTY === true;
  const started = Date.now();
  let completed = 0;
  let failed = 0;
  let lastPrint = 0;
  const status = () => {
    const seconds = (Date.now() - started) / 1000;
    const rate = completed / Math.max(seconds, 0.001);
    const eta = rate > 0 ? Math.round((total - completed) / rate) : 0;
    return `[${completed}/${total}] ${failed} failed, ${rate.toFixed(2)}/s, ETA ${eta}s`;
  };
  return {
    tick(label, ok, note) {
      completed += 1;
      if (!ok) failed += 1;
      if (options.quiet) return;
      if (tty) {
        clearLine(stream, 0);
        cursorTo(stream, 0);
        stream.write(`${status()} · ${label} ${note}`.slice(0, (stream.columns || 100) - 1));
        return;
      }
      const now = Date.now();
      if (total <= 200 || now - lastPrint >= 10_000 || completed === total) {
        lastPrint = now;
        stream.write(`${status()} · ${label} ${note}\n`);
      }
    },
    done() {
      if (tty && !options.quiet) {
        clearLine(stream, 0);
        cursorTo(stream, 0);
        stream.write(`${status()}\n`);
      }
    },
  };
}
