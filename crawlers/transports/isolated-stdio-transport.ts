// An MCP stdio transport for untrusted servers. Unlike the SDK's StdioClientTransport it starts the
// server in its own process group and, where the machine allows, in fresh user, network and PID
// namespaces (`unshare -rn --pid --fork --kill-child`): no network, and killing it takes down every
// process the server started. It also bounds what the server may write to stdout and stderr.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { deserializeMessage, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

export interface IsolatedStdioOptions {
  command: string;
  args: string[];
  /** The complete environment of the server: nothing is inherited. */
  env: Record<string, string>;
  cwd: string;
  /** Run inside new user/network/PID namespaces when supported (default true). */
  isolate?: boolean;
  /** Bytes of stderr kept for the snapshot (the tail). */
  stderrTailBytes?: number;
  /** The server is killed when it writes more than this to stdout (a flood is not a tool list). */
  maxStdoutBytes?: number;
  /** The server is killed when it writes more than this to stderr. */
  maxStderrBytes?: number;
}

const DEFAULT_STDERR_TAIL = 8 * 1024;
const DEFAULT_MAX_STDOUT = 256 * 1024 * 1024;
const DEFAULT_MAX_STDERR = 16 * 1024 * 1024;
const MAX_LINE_BYTES = 64 * 1024 * 1024;

export type IsolationMode = 'namespaces' | 'process-group';

let isolationSupport: boolean | undefined;

/** Whether `unshare` can make user, network and PID namespaces here (root, or unprivileged userns). */
export function namespacesSupported(): boolean {
  if (isolationSupport === undefined) {
    const probe = spawnSync('unshare', ['-rn', '--pid', '--fork', '--kill-child', 'true'], { stdio: 'ignore', timeout: 5000 });
    isolationSupport = probe.status === 0;
  }
  return isolationSupport;
}

export class IsolatedStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T) => void;

  readonly isolation: IsolationMode;
  /** Set by the SDK's Client once initialize has negotiated it. */
  protocolVersion: string | undefined;
  private child: ChildProcess | undefined;
  private readonly decoder = new StringDecoder('utf8');
  private pendingLine = '';
  /** The tail of what the server printed on stdout that was not protocol (banners, usage text). */
  private stdoutNoise = '';
  private stderrTail = '';
  private stdoutBytes = 0;
  private stderrBytes = 0;
  private skippedLines = 0;
  private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private exited: Promise<void> | undefined;
  private killedFor: string | undefined;

  constructor(private readonly options: IsolatedStdioOptions) {
    this.isolation = options.isolate !== false && namespacesSupported() ? 'namespaces' : 'process-group';
  }

  async start(): Promise<void> {
    if (this.child) throw new Error('IsolatedStdioTransport already started');
    const { command, args } = this.commandLine();
    const child = spawn(command, args, {
      cwd: this.options.cwd,
      env: this.options.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
      windowsHide: true,
    });
    this.child = child;
    this.exited = new Promise((resolve) => {
      child.once('close', (code, signal) => {
        this.exitInfo = { code, signal };
        resolve();
        this.onclose?.();
      });
    });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (error) => {
        reject(error);
        this.onerror?.(error);
      });
    });
    child.stdin?.on('error', () => {}); // a server that exits early closes the pipe: reported via onclose
    child.stdout?.on('data', (chunk: Buffer) => this.onStdout(chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.onStderr(chunk));
  }

  private commandLine(): { command: string; args: string[] } {
    if (this.isolation === 'namespaces') {
      return { command: 'unshare', args: ['-rn', '--pid', '--fork', '--kill-child', this.options.command, ...this.options.args] };
    }
    return { command: this.options.command, args: this.options.args };
  }

  private onStdout(chunk: Buffer): void {
    this.stdoutBytes += chunk.length;
    if (this.stdoutBytes > (this.options.maxStdoutBytes ?? DEFAULT_MAX_STDOUT)) {
      this.killFor(`stdout exceeded ${this.options.maxStdoutBytes ?? DEFAULT_MAX_STDOUT} bytes`);
      return;
    }
    // Search only the new text for line ends, so a huge one-line page costs linear time.
    let text = this.decoder.write(chunk);
    let newline = text.indexOf('\n');
    while (newline !== -1) {
      this.onLine(`${this.pendingLine}${text.slice(0, newline)}`.replace(/\r$/, ''));
      this.pendingLine = '';
      text = text.slice(newline + 1);
      newline = text.indexOf('\n');
    }
    this.pendingLine += text;
    if (this.pendingLine.length > MAX_LINE_BYTES) this.killFor(`a stdout line exceeded ${MAX_LINE_BYTES} bytes`);
  }

  private onLine(line: string): void {
    if (line.trim() === '') return;
    let message: JSONRPCMessage;
    try {
      message = deserializeMessage(line);
    } catch {
      // Banners, logs and usage text printed to stdout are not protocol messages: keep a tail of
      // them (it often says why a server exits) and go on.
      this.skippedLines += 1;
      const text = `${this.stdoutNoise}${line}\n`;
      this.stdoutNoise = text.length > 2048 ? text.slice(text.length - 2048) : text;
      return;
    }
    this.onmessage?.(message);
  }

  private onStderr(chunk: Buffer): void {
    this.stderrBytes += chunk.length;
    const limit = this.options.stderrTailBytes ?? DEFAULT_STDERR_TAIL;
    const text = this.stderrTail + chunk.toString('utf8');
    this.stderrTail = text.length > limit ? text.slice(text.length - limit) : text;
    if (this.stderrBytes > (this.options.maxStderrBytes ?? DEFAULT_MAX_STDERR)) {
      this.killFor(`stderr exceeded ${this.options.maxStderrBytes ?? DEFAULT_MAX_STDERR} bytes`);
    }
  }

  private killFor(reason: string): void {
    if (this.killedFor) return;
    this.killedFor = reason;
    this.killTree();
  }

  setProtocolVersion(version: string): void {
    this.protocolVersion = version;
  }

  async send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.child?.stdin;
    if (!stdin || stdin.destroyed) throw new Error('server process is not running');
    await new Promise<void>((resolve, reject) => {
      stdin.write(serializeMessage(message), (error) => (error ? reject(error) : resolve()));
    });
  }

  /** Kill the whole process tree and wait for it to be gone. */
  async close(): Promise<void> {
    this.killTree();
    if (this.exited) await this.exited;
  }

  private killTree(): void {
    const pid = this.child?.pid;
    if (pid === undefined || this.exitInfo) return;
    try {
      process.kill(-pid, 'SIGKILL'); // the whole process group
    } catch {
      try {
        this.child?.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  }

  get stderr(): string {
    return this.stderrTail;
  }

  /** Non-protocol text the server wrote to stdout (the tail). */
  get stdoutText(): string {
    return this.stdoutNoise;
  }

  get diagnostics() {
    return {
      exit: this.exitInfo,
      killedFor: this.killedFor,
      stdoutBytes: this.stdoutBytes,
      stderrBytes: this.stderrBytes,
      skippedStdoutLines: this.skippedLines,
    };
  }
}
