// An append-only file of lines, written in buffered chunks and read back as a stream. Index pages and
// the search index need rows from every server; spooling them to disk keeps memory flat however large
// the catalog is.
import { closeSync, createReadStream, openSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';

const FLUSH_AT = 1 << 16;

export class LineSpool {
  private fd: number | undefined;
  private buffer = '';
  count = 0;

  constructor(readonly file: string) {
    this.fd = openSync(file, 'w');
  }

  /** Append raw text (no newline added). */
  write(text: string): void {
    this.buffer += text;
    if (this.buffer.length >= FLUSH_AT) this.flush();
  }

  /** Append one line; the text must not contain a raw newline (JSON from stableJson does not). */
  add(line: string): void {
    this.count += 1;
    this.write(`${line}\n`);
  }

  close(): void {
    if (this.fd === undefined) return;
    this.flush();
    closeSync(this.fd);
    this.fd = undefined;
  }

  async *lines(): AsyncGenerator<string> {
    this.close();
    const reader = createInterface({ input: createReadStream(this.file, 'utf8'), crlfDelay: Infinity });
    for await (const line of reader) if (line !== '') yield line;
  }

  private flush(): void {
    if (this.fd === undefined || this.buffer === '') return;
    writeSync(this.fd, this.buffer);
    this.buffer = '';
  }
}
