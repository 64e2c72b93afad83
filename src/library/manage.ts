import { describeError } from '../errors.js';
import type { QueryService, ReindexProgress } from '../search/service.js';
import type { DocumentAnswer, ReindexAnswer } from '../search/types.js';
import { appendAudit, readAudit, type AuditEntry } from './audit.js';
import type { Refusal } from './codes.js';
import { download } from './download.js';
import { inspectUpload } from './inspect.js';
import { listDocuments } from './list.js';
import { addDocument, listRemoved, removeDocument, restoreDocument, type AuditTarget, type RemovedDocument } from './store.js';

/**
 * Corpus changes as one call each, for any transport: fetch and check an upload, put it in
 * place, reindex, and report what the document brought; remove or restore a document and
 * reindex. Every outcome, refusals included, is in the audit trail.
 */
export interface LibraryContext {
  seedsDir: string;
  indexDir: string;
  maxBytes: number;
  search: Pick<QueryService, 'reindex' | 'document'>;
  /** Who asks (a user id or tag) and where (a guild id, `dm`, `console`): the audit trail's words. */
  actor: string;
  guild: string;
  onProgress?: (progress: LibraryProgress) => void;
}

/** Where a corpus change is: downloading (bytes so far), checking, or the reindex. */
export type LibraryProgress = { phase: 'downloading'; done: number; total: number } | { phase: 'checking'; done: 0; total: 0 } | ReindexProgress;

/** A change that went through: the reindex it caused and, for an upload, what it brought. */
export interface LibraryChange {
  ok: true;
  action: 'add' | 'replace' | 'remove' | 'restore';
  name: string;
  /** The name as sent, when it had to be cleaned or its extension fixed. */
  requestedName?: string;
  /** The reindex after the change; null when it failed (the file change stands, the old index serves). */
  reindex: ReindexAnswer | null;
  reindexError?: string;
  /** What the new document holds, once indexed. */
  document: DocumentAnswer | null;
  ms: number;
}

/** An attachment as the chat announces it: where to fetch it, its name and size as claimed. */
export interface UploadSource {
  url: string;
  name: string;
  size?: number;
}

/**
 * Adds (or, with `replace`, replaces) a document from an attachment, then reindexes.
 *
 * @example
 * await addUpload(ctx, { url, name: '2024年统计公报.docx', size: 81234 }, {});
 * // { ok: true, action: 'add', name: '2024年统计公报.docx', document: { passages: 31, firstFigures: [...] }, … }
 */
export async function addUpload(ctx: LibraryContext, source: UploadSource, options: { name?: string | null; replace?: boolean }): Promise<LibraryChange | Refusal> {
  const started = performance.now();
  const requested = options.name?.trim() || source.name;
  ctx.onProgress?.({ phase: 'downloading', done: 0, total: source.size ?? 0 });
  const bytes = await download(source.url, { maxBytes: ctx.maxBytes, announced: source.size });
  if (!Buffer.isBuffer(bytes)) return audited(ctx, 'add', requested, bytes);
  ctx.onProgress?.({ phase: 'checking', done: 0, total: 0 });
  const upload = await inspectUpload(bytes, requested, { maxBytes: ctx.maxBytes, seedsDir: ctx.seedsDir, replace: options.replace });
  if (!upload.ok) return audited(ctx, 'add', requested, upload);
  const added = await addDocument(ctx.seedsDir, upload, { replace: options.replace, addedBy: ctx.actor, audit: auditTarget(ctx) });
  if (!added.ok) return added;
  const reindexed = await reindex(ctx);
  return {
    ok: true,
    action: added.replaced ? 'replace' : 'add',
    name: added.name,
    ...(added.name !== requested ? { requestedName: requested } : {}),
    ...reindexed,
    document: reindexed.reindex ? ctx.search.document(added.name) : null,
    ms: Math.round(performance.now() - started),
  };
}

/**
 * Removes a document (kept in `seeds/.removed/<time>/`), then reindexes: answers never cite it again.
 *
 * @example
 * await removeUpload(ctx, '2024年统计公报.docx'); // { ok: true, action: 'remove', … }
 */
export async function removeUpload(ctx: LibraryContext, name: string): Promise<LibraryChange | Refusal> {
  const started = performance.now();
  const removed = await removeDocument(ctx.seedsDir, name, { actor: ctx.actor, audit: auditTarget(ctx) });
  if (!removed.ok) return removed;
  return { ok: true, action: 'remove', name: removed.name, ...(await reindex(ctx)), document: null, ms: Math.round(performance.now() - started) };
}

/**
 * Brings back a removed document (the latest removed when no name is given), then reindexes.
 *
 * @example
 * await restoreUpload(ctx); // { ok: true, action: 'restore', name: '2024年统计公报.docx', … }
 */
export async function restoreUpload(ctx: LibraryContext, name?: string | null): Promise<LibraryChange | Refusal> {
  const started = performance.now();
  const restored = await restoreDocument(ctx.seedsDir, name ?? undefined, { actor: ctx.actor, audit: auditTarget(ctx) });
  if (!restored.ok) return restored;
  const reindexed = await reindex(ctx);
  return { ok: true, action: 'restore', name: restored.name, ...reindexed, document: reindexed.reindex ? ctx.search.document(restored.name) : null, ms: Math.round(performance.now() - started) };
}

const auditTarget = (ctx: LibraryContext): AuditTarget => ({ indexDir: ctx.indexDir, guild: ctx.guild });

/** A refusal before anything reached the library's own audited steps, written to the trail too. */
function audited(ctx: LibraryContext, action: 'add', file: string, refusal: Refusal): Refusal {
  try {
    appendAudit(ctx.indexDir, { actor: ctx.actor, guild: ctx.guild, action, file: file.slice(0, 200), result: 'refused', code: refusal.code, reason: refusal.reason });
  } catch {
    // The refusal is the answer; a trail that cannot be written is the library's own log line.
  }
  return refusal;
}

/** The reindex after a change; its failure leaves the change in place and the old index serving. */
async function reindex(ctx: LibraryContext): Promise<{ reindex: ReindexAnswer | null; reindexError?: string }> {
  try {
    return { reindex: await ctx.search.reindex({ onProgress: ctx.onProgress }) };
  } catch (error) {
    return { reindex: null, reindexError: describeError(error).message };
  }
}


/** The library as admins and members see it: documents with their index counts, removals, recent changes. */
export interface Catalog {
  documents: { name: string; size: number; passages: number | null; figures: number | null; addedBy?: string; addedAt?: string; mtime: string }[];
  removed: RemovedDocument[];
  /** The last changes of the audit trail, newest first. */
  recent: AuditEntry[];
}

/**
 * Every document in the seeds folder with what the index made of it (null counts: not
 * indexed, see the skip list), who added it from chat and when, the removed documents that
 * can be restored and the latest audited changes.
 *
 * @example
 * (await catalog({ seedsDir, indexDir, search })).documents[0]; // { name: '000_….txt', size: 20480, passages: 12, figures: 40, mtime: '…' }
 */
export async function catalog(ctx: { seedsDir: string; indexDir: string; search: Pick<QueryService, 'stats'> }): Promise<Catalog> {
  const audit = await readAudit(ctx.indexDir);
  const indexed = new Map(ctx.search.stats().docs.map((d) => [d.doc, d]));
  const documents = (await listDocuments(ctx.seedsDir, audit)).map((d) => ({
    name: d.name,
    size: d.size,
    passages: indexed.get(d.name)?.passages ?? null,
    figures: indexed.get(d.name)?.figures ?? null,
    mtime: d.mtime,
    ...(d.addedBy ? { addedBy: d.addedBy } : {}),
    ...(d.addedAt ? { addedAt: d.addedAt } : {}),
  }));
  return { documents, removed: await listRemoved(ctx.seedsDir), recent: audit.slice(-RECENT).reverse() };
}

/** How many audited changes the catalog shows. */
const RECENT = 5;
