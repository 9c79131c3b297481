// Installs an npm server package into its own cache folder, as a step separate from running it.
// Install scripts never run (they download binaries from outside the registry, and they are
// strangers' code); one folder per package version keeps servers' dependency trees apart.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';

const execFileAsync = promisify(execFile);

export interface InstalledPackage {
  dir: string;
  /** Absolute path of the script to run with node. */
  entry: string;
  version: string;
  /** True when this call installed it (false: it was cached). */
  installed: boolean;
}

export type InstallResult = { ok: true; value: InstalledPackage } | { ok: false; reason: string; output: string };

const packageJson = z.looseObject({
  version: z.string(),
  bin: z.union([z.string(), z.record(z.string(), z.string())]).optional(),
  main: z.string().optional(),
});

const MARKER = '.mcp-risk-installed';

export async function installPackage(options: {
  cacheDir: string;
  name: string;
  version: string;
  bin?: string | undefined;
  timeoutMs?: number;
  signal?: AbortSignal | undefined;
}): Promise<InstallResult> {
  const dir = path.join(options.cacheDir, 'npm', `${options.name.replace('/', '__')}@${options.version}`);
  let installed = false;
  if (!existsSync(path.join(dir, MARKER))) {
    const staging = `${dir}.staging-${process.pid}-${Date.now()}`;
    await mkdir(staging, { recursive: true });
    await writeFile(path.join(staging, 'package.json'), '{"name":"mcp-risk-server-install","private":true}\n');
    try {
      await execFileAsync(
        'npm',
        ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--omit=dev', '--legacy-peer-deps', '--loglevel=error', `${options.name}@${options.version}`],
        {
          cwd: staging,
          timeout: options.timeoutMs ?? 180_000,
          maxBuffer: 16 * 1024 * 1024,
          killSignal: 'SIGKILL',
          ...(options.signal ? { signal: options.signal } : {}),
        },
      );
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      const output = outputOf(error);
      return { ok: false, reason: installFailureReason(output, error), output };
    }
    await writeFile(path.join(staging, MARKER), new Date().toISOString());
    await rm(dir, { recursive: true, force: true });
    await rename(staging, dir);
    installed = true;
  }
  const entry = await resolveEntry(dir, options.name, options.bin);
  if (!entry.ok) return { ok: false, reason: entry.reason, output: '' };
  return { ok: true, value: { dir, entry: entry.path, version: entry.version, installed } };
}

async function resolveEntry(
  dir: string,
  name: string,
  bin: string | undefined,
): Promise<{ ok: true; path: string; version: string } | { ok: false; reason: string }> {
  const pkgDir = path.join(dir, 'node_modules', name);
  let manifest: z.infer<typeof packageJson>;
  try {
    manifest = packageJson.parse(JSON.parse(await readFile(path.join(pkgDir, 'package.json'), 'utf8')));
  } catch {
    return { ok: false, reason: `installed package has no readable package.json at ${pkgDir}` };
  }
  const bins = typeof manifest.bin === 'string' ? { [name.split('/').pop() ?? name]: manifest.bin } : (manifest.bin ?? {});
  const names = Object.keys(bins).sort();
  const unscoped = name.split('/').pop() ?? name;
  const chosen =
    bin !== undefined ? bins[bin] : (bins[unscoped] ?? (names.length > 0 ? bins[names[0] ?? ''] : undefined) ?? manifest.main);
  if (chosen === undefined) {
    return {
      ok: false,
      reason: bin !== undefined ? `package has no bin named ${bin} (has: ${names.join(', ') || 'none'})` : 'package has no bin and no main to run',
    };
  }
  return { ok: true, path: path.resolve(pkgDir, chosen), version: manifest.version };
}

function outputOf(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const e = error as { stderr?: unknown; stdout?: unknown; message?: unknown };
    const text = `${typeof e.stderr === 'string' ? e.stderr : ''}${typeof e.stdout === 'string' ? e.stdout : ''}`;
    if (text.trim()) return text.slice(-4000);
    if (typeof e.message === 'string') return e.message.slice(-4000);
  }
  return String(error).slice(-4000);
}

function installFailureReason(output: string, error: unknown): string {
  if (typeof error === 'object' && error !== null && 'killed' in error && error.killed) return 'npm install timed out';
  const missing = /404 Not Found - GET \S+\/(@?[^/\s]+(?:%2[fF][^/\s]+)?)\b/.exec(output)?.[1];
  if (missing) return `${decodeURIComponent(missing)} is not on the npm registry (404)`;
  if (/E404|404 Not Found/.test(output)) return 'package or version not found on the npm registry';
  if (/EBADPLATFORM/.test(output)) return 'the package is built for another platform (EBADPLATFORM)';
  if (/ETARGET/.test(output)) return 'no matching version on the npm registry';
  if (/git|github\.com|codeload/i.test(output) && /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|fetch failed/i.test(output)) {
    return 'a dependency is fetched from outside the npm registry (unreachable)';
  }
  if (/ERESOLVE/.test(output)) return 'dependency conflict (ERESOLVE)';
  const line = output.split('\n').find((l) => /npm (error|ERR!)/.test(l));
  return line ? line.replace(/^npm (error|ERR!)\s*/, '').slice(0, 200) : 'npm install failed';
}
