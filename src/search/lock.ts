import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';

/**
 * One builder per index directory. Whoever builds and saves `index/` first creates
 * `index/.build.lock` exclusively (`open(…, 'wx')`, which fails if the file exists, also across
 * processes), holding who it is; a second builder waits or is refused with `REINDEX_BUSY`.
 * Replicas never take it: they only read, and the save's rename order keeps what they read whole.
 */

export const LOCK_FILE = '.build.lock';

/** What a lock file holds. `token` tells this holder's lock from a later one at the same path. */
export interface LockOwner {
  pid: number;
  hostname: string;
  startedAt: string;
  purpose: string;
  token: string;
}

export interface LockOptions {
  /** How long to wait for a lock another builder holds; 0 (the default) refuses at once. */
  waitMs?: number;
  /**
   * A lock whose file was not touched for this long is broken. The holder touches it every quarter
   * of this, so only a holder that is gone (or frozen) lets it age: a dead pid on another host is
   * invisible to `kill(pid, 0)`. Default 10 minutes.
   */
  staleMs?: number;
  /** What the lock is taken for, shown to whoever finds it held (`start-up build`, `reindex`). */
  purpose?: string;
  logger?: Logger;
}

export interface BuildLock {
  readonly path: string;
  readonly owner: LockOwner;
  /** Removes the lock file if it is still this holder's. Safe to call twice. */
  release(): Promise<void>;
}

export const DEFAULT_STALE_MS = 10 * 60_000;
/**
 * The lock file is created empty and written right after; one that still cannot be parsed after
 * this long was left by a process killed in between.
 */
const TORN_MS = 5_000;

/** Tokens of the locks this process holds: a lock naming our own pid but none of these is an earlier process's. */
const heldHere = new Set<string>();

/**
 * Takes the build lock of `dir` (created if missing), breaking a stale one with a warning: its pid
 * is dead on this host, it was left by an earlier process that had our pid (a container restart),
 * or it was not refreshed for `staleMs`. Throws `UserError` `REINDEX_BUSY` naming the holder when
 * a live lock is still held after `waitMs`.
 *
 * @example
 * const lock = await acquireBuildLock('index', { purpose: 'reindex' });
 * try { await saveIndex('index', model, indexes); } finally { await lock.release(); }
 */
export async function acquireBuildLock(dir: string, options: LockOptions = {}): Promise<BuildLock> {
  const logger = options.logger ?? silentLogger;
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const path = join(dir, LOCK_FILE);
  const deadline = Date.now() + (options.waitMs ?? 0);
  const owner: LockOwner = {
    pid: process.pid,
    hostname: hostname(),
    startedAt: new Date().toISOString(),
    purpose: options.purpose ?? 'build',
    token: randomBytes(8).toString('hex'),
  };
  await mkdir(dir, { recursive: true });
  let delay = 50;
  for (;;) {
    if (await tryCreate(path, owner)) return holdLock(path, owner, staleMs, logger);
    const found = await inspectLock(path);
    if (!found) continue; // released between our attempt and our look: try again at once
    const reason = staleReason(found, staleMs);
    if (reason) {
      await breakLock(path, found, reason, logger);
      continue;
    }
    const left = deadline - Date.now();
    if (left <= 0) throw busyError(path, found.owner);
    await new Promise((resolve) => setTimeout(resolve, Math.min(delay, left)));
    delay = Math.min(delay * 2, 1_000);
  }
}

/** The current holder of `dir`'s lock, or null when it is free (or its file is unreadable). */
export async function readLockOwner(dir: string): Promise<LockOwner | null> {
  return (await inspectLock(join(dir, LOCK_FILE)))?.owner ?? null;
}

/** Creates the lock file with our details, or says it exists. */
async function tryCreate(path: string, owner: LockOwner): Promise<boolean> {
  // Known as ours before the file exists: another engine of this process that reads it while we
  // are still writing must see a live lock, not one "left by an earlier process with this pid".
  heldHere.add(owner.token);
  let handle;
  try {
    handle = await open(path, 'wx');
  } catch (error) {
    heldHere.delete(owner.token);
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    // Through the handle, not `writeFile(path)`: the file we created is the one we fill.
    await handle.writeFile(JSON.stringify(owner));
    await handle.sync();
  } catch (error) {
    // A full disk, say: leave no empty lock for others to wait out.
    await handle.close();
    await rm(path, { force: true });
    heldHere.delete(owner.token);
    throw error;
  }
  await handle.close();
  return true;
}

function holdLock(path: string, owner: LockOwner, staleMs: number, logger: Logger): BuildLock {
  // A heartbeat: the file's mtime says the holder is alive, however long the build takes.
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(path, now, now).catch(() => undefined);
  }, Math.max(50, staleMs / 4));
  heartbeat.unref();
  let released = false;
  return {
    path,
    owner,
    async release() {
      if (released) return;
      released = true;
      clearInterval(heartbeat);
      try {
        const found = await inspectLock(path);
        // Broken as stale while we were frozen and taken by another builder: that lock is theirs.
        if (found && found.owner?.token !== owner.token) {
          logger.warn('build lock was taken over while held; leaving the new holder its lock', { path, holder: found.owner });
          return;
        }
        await rm(path, { force: true });
      } finally {
        // Only now: until the file is gone, another engine of this process must see it as live.
        heldHere.delete(owner.token);
      }
    },
  };
}

interface FoundLock {
  /** Null when the file cannot be parsed (being written, or torn by a kill). */
  owner: LockOwner | null;
  mtimeMs: number;
  /** The raw content, to recognise the very file judged stale when breaking it. */
  text: string;
}

async function inspectLock(path: string): Promise<FoundLock | null> {
  try {
    const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    return { owner: parseOwner(text), mtimeMs: info.mtimeMs, text };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function parseOwner(text: string): LockOwner | null {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    return Number.isSafeInteger(value.pid) && typeof value.hostname === 'string' && typeof value.token === 'string' ? (value as LockOwner) : null;
  } catch {
    return null;
  }
}

/** Why a found lock may be broken, or null when its holder may be alive. */
function staleReason(found: FoundLock, staleMs: number): string | null {
  const age = Date.now() - found.mtimeMs;
  if (!found.owner) return age > TORN_MS ? `unreadable lock file, untouched for ${Math.round(age / 1000)} s` : null;
  if (age > staleMs) return `not refreshed for ${Math.round(age / 1000)} s`;
  const { pid, hostname: host, token } = found.owner;
  if (host !== hostname()) return null; // another machine's pid means nothing here: only age tells
  if (pid === process.pid) return heldHere.has(token) ? null : 'left by an earlier process with this pid';
  try {
    process.kill(pid, 0);
    return null;
  } catch (error) {
    // EPERM: the process exists but belongs to another user, so it is alive.
    return (error as NodeJS.ErrnoException).code === 'ESRCH' ? `pid ${pid} is not running` : null;
  }
}

/**
 * Moves the stale lock aside and deletes it. A rename, not a delete, so that of two processes
 * breaking the same stale lock at once only one succeeds; if what was moved is not the file
 * judged stale (a new holder created it in between), it is put back.
 */
async function breakLock(path: string, found: FoundLock, reason: string, logger: Logger): Promise<void> {
  const aside = `${path}.broken-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await rename(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // someone else broke or released it
    throw error;
  }
  const moved = await readFile(aside, 'utf8').catch(() => null);
  if (moved !== found.text) {
    // Not ours to break: hand it back unless yet another holder has appeared (then both are logged).
    const back = await open(path, 'wx').catch(() => null);
    if (back) {
      await back.writeFile(moved ?? '');
      await back.close();
    } else {
      logger.error('build lock moved aside by mistake could not be put back', { path, moved });
    }
    await rm(aside, { force: true });
    return;
  }
  await rm(aside, { force: true });
  logger.warn('broke a stale build lock', { path, reason, holder: found.owner });
}

function busyError(path: string, owner: LockOwner | null): UserError {
  const who = owner ? `pid ${owner.pid} on ${owner.hostname} (${owner.purpose}) since ${owner.startedAt}` : 'a process still writing the lock file';
  return new UserError(
    'REINDEX_BUSY',
    `search/lock: the index is being built by another builder: "${path}" is held by ${who}`,
    '另一个进程正在重建索引，请稍后再试。/ Another process is rebuilding the index; try again later.',
  );
}
