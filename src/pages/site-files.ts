// Writes the site's files: atomically (a temporary file renamed over the old one, so a reader or a
// crash never sees half a page), and only when the bytes differ, so a rerun touches only what changed
// and file times stay meaningful for rsync and CDNs. Files the build no longer produces are removed.
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { McpRiskError } from '../errors.ts';

/** Marks a directory as ours, so the pruning of stale files never runs in someone else's folder. */
export const SITE_MARKER = '.mcp-risk-site';

export interface WriteCounts {
  written: number;
  unchanged: number;
  deleted: number;
}

export class SiteFiles {
  readonly counts: WriteCounts = { written: 0, unchanged: 0, deleted: 0 };
  private readonly dirs = new Set<string>();
  private tmpCounter = 0;

  constructor(readonly outDir: string) {
    if (existsSync(outDir)) {
      const entries = readdirSync(outDir);
      if (entries.length > 0 && !entries.includes(SITE_MARKER)) {
        throw new McpRiskError('BAD_FLAG', `refusing to write the site into ${outDir}: it is not empty and was not made by mcp-risk pages`, {
          hint: 'pass --out with an empty or new directory',
        });
      }
    }
    this.ensureDir(outDir);
    const marker = path.join(outDir, SITE_MARKER);
    if (!existsSync(marker)) writeFileSync(marker, 'Built by mcp-risk pages; files here are replaced on every build.\n');
  }

  /** Write one file unless it already holds exactly these bytes. */
  write(relPath: string, content: string | Buffer): void {
    const target = this.resolve(relPath);
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    if (sameBytes(target, bytes)) {
      this.counts.unchanged += 1;
      return;
    }
    const tmp = this.tempPath(relPath);
    writeFileSync(tmp, bytes);
    renameSync(tmp, target);
    this.counts.written += 1;
  }

  /** A temporary path next to relPath, for content streamed in pieces; finish with commit(). */
  tempPath(relPath: string): string {
    const target = this.resolve(relPath);
    this.tmpCounter += 1;
    return `${target}.tmp-${process.pid}-${this.tmpCounter}`;
  }

  /** Replace relPath with a finished temporary file, or drop the temporary file if nothing changed. */
  commit(relPath: string, tmp: string): void {
    const target = this.resolve(relPath);
    if (sameFiles(tmp, target)) {
      unlinkSync(tmp);
      this.counts.unchanged += 1;
      return;
    }
    renameSync(tmp, target);
    this.counts.written += 1;
  }

  /** Remove files in dir (relative) that are not in keep; with dirsToo, also stale subdirectories. */
  prune(relDir: string, keep: ReadonlySet<string>, options: { dirsToo?: boolean } = {}): void {
    const dir = path.join(this.outDir, relDir);
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      if (keep.has(name) || name === SITE_MARKER) continue;
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) {
        if (!options.dirsToo) continue;
        rmSync(full, { recursive: true, force: true });
      } else {
        unlinkSync(full);
      }
      this.counts.deleted += 1;
    }
  }

  private resolve(relPath: string): string {
    // Paths are built from slugs, never raw crawled names; this is the last line of defence.
    if (relPath.includes('..') || path.isAbsolute(relPath)) throw new McpRiskError('INTERNAL', `unsafe site path ${relPath}`);
    const target = path.join(this.outDir, relPath);
    this.ensureDir(path.dirname(target));
    return target;
  }

  private ensureDir(dir: string): void {
    if (this.dirs.has(dir)) return;
    mkdirSync(dir, { recursive: true });
    this.dirs.add(dir);
  }
}

function sameBytes(file: string, bytes: Buffer): boolean {
  let existing: Buffer;
  try {
    existing = readFileSync(file);
  } catch {
    return false;
  }
  return existing.equals(bytes);
}

/** Compare two files chunk by chunk, so a large index is never read whole. */
function sameFiles(a: string, b: string): boolean {
  if (!existsSync(b) || statSync(a).size !== statSync(b).size) return false;
  const fa = openSync(a, 'r');
  const fb = openSync(b, 'r');
  try {
    const ba = Buffer.alloc(1 << 16);
    const bb = Buffer.alloc(1 << 16);
    for (;;) {
      const na = readSync(fa, ba, 0, ba.length, null);
      const nb = readSync(fb, bb, 0, bb.length, null);
      if (na !== nb) return false;
      if (na === 0) return true;
      if (!ba.subarray(0, na).equals(bb.subarray(0, nb))) return false;
    }
  } finally {
    closeSync(fa);
    closeSync(fb);
  }
}
