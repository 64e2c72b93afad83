import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_SEED_BYTES, readSeeds } from '../src/corpus/load.js';
import {
  AUDIT_FILE,
  MAX_AUDIT_LINE,
  addDocument,
  appendAudit,
  download,
  inspectUpload,
  listDocuments,
  listRemoved,
  readAudit,
  removeDocument,
  restoreDocument,
  sanitizeFileName,
  sweepStaleUploads,
  type AcceptedUpload,
  type LibraryCode,
} from '../src/library/index.js';
import { makeDocx } from './fixtures/formats/docx.js';
import { makePdf } from './fixtures/formats/pdf.js';
import { makeZip } from './fixtures/formats/zip.js';
import { declareHuge, news, noise, png } from './fixtures/library/bytes.js';
import { copySeeds, tempDir } from './helpers.js';
import { seedNames } from './seeds.js';

const MB = 1024 * 1024;
const MAX = 20 * MB;
const hashOf = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Every entry under `dir` (dot files and `.removed/` included) with the hash of its bytes. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    out[path.slice(dir.length + 1)] = entry.isDirectory() ? 'dir' : hashOf(await readFile(path));
  }
  return out;
}

/** Inspects and, when accepted, adds. */
async function upload(seedsDir: string, bytes: Buffer, name: string, options: { replace?: boolean; addedBy?: string; indexDir?: string; now?: Date } = {}) {
  const inspected = await inspectUpload(bytes, name, { maxBytes: MAX, seedsDir, replace: options.replace });
  if (!inspected.ok) return inspected;
  return addDocument(seedsDir, inspected, {
    replace: options.replace,
    addedBy: options.addedBy,
    now: options.now,
    ...(options.indexDir ? { audit: { indexDir: options.indexDir, guild: 'g1' } } : {}),
  });
}

let seedsDir: string;
let indexDir: string;
beforeEach(async () => {
  seedsDir = await copySeeds();
  indexDir = await tempDir('library-index');
});

describe('inspectUpload: good documents', () => {
  const GOOD: { name: string; bytes: Buffer; final: string; format: string; phrase: string }[] = [
    { name: '规划 纲要 2021.docx', bytes: makeDocx(['白泽河生态城发展规划', '', news('白泽河生态城')]), final: '规划 纲要 2021.docx', format: 'docx', phrase: '白泽河生态城' },
    { name: '国标 GB18030.txt', bytes: iconv.encode(`${news('貔貅岭智造园')}𠀀`, 'gb18030'), final: '国标 GB18030.txt', format: 'text', phrase: '貔貅岭智造园' },
    { name: 'NOTES.MD', bytes: Buffer.from(`# 标题\n\n${news('玄武湖创新港')}`), final: 'NOTES.md', format: 'markdown', phrase: '玄武湖创新港' },
    { name: '公报 2022.pdf', bytes: makePdf([[news('朱雀台开发区').slice(0, 30), news('朱雀台开发区').slice(30)]]), final: '公报 2022.pdf', format: 'pdf', phrase: '朱雀台开发区' },
    // Proven by magic bytes: renamed to the format the content is.
    { name: '公报（误存）.txt', bytes: makePdf([[news('青龙峡数字港').slice(0, 30)]]), final: '公报（误存）.pdf', format: 'pdf', phrase: '青龙峡数字港' },
    { name: '方案.md', bytes: makeDocx([news('麒麟山物流园')]), final: '方案.docx', format: 'docx', phrase: '麒麟山物流园' },
  ];

  it.each(GOOD.map((g) => [g.name, g] as const))('accepts %s, and readSeeds then indexes it', async (_name, good) => {
    const inspected = await inspectUpload(good.bytes, good.name, { maxBytes: MAX, seedsDir });
    expect(inspected).toMatchObject({ ok: true, name: good.final, format: good.format, size: good.bytes.length, sha256: hashOf(good.bytes) });
    if (!inspected.ok) return;
    expect(inspected.characters).toBeGreaterThan(0);
    if (good.final !== good.name && !/\.MD$/.test(good.name)) expect(inspected.extensionFixed?.to).toBe(`.${good.format}`);
    const added = await addDocument(seedsDir, inspected, { addedBy: 'admin#1' });
    expect(added).toMatchObject({ ok: true, name: good.final, addedBy: 'admin#1' });
    const scan = await readSeeds(seedsDir);
    const file = scan.files.find((f) => f.name === good.final);
    expect(file?.format).toBe(good.format);
    expect(file?.text.replace(/\n/g, '')).toContain(good.phrase);
    expect(scan.skipped).toEqual([]);
  });

  it('decodes the GB18030 upload to the same text as UTF-8 would give', async () => {
    await upload(seedsDir, iconv.encode(news('鲲鹏湾科技园'), 'gb18030'), '鲲鹏湾.txt');
    expect((await readSeeds(seedsDir)).files.find((f) => f.name === '鲲鹏湾.txt')?.text).toBe(news('鲲鹏湾科技园'));
  });
});

describe('inspectUpload: hostile uploads', () => {
  const existing = () => readFileSync(join(seedsDir, seedNames[0]!));
  const HOSTILE: { label: string; name: string; bytes: () => Buffer; code: LibraryCode; reason: RegExp; engine?: boolean }[] = [
    { label: 'path traversal', name: '../../etc/passwd.txt', bytes: () => Buffer.from('root:x:0:0'), code: 'UNSAFE_NAME', reason: /^unsafe file name "\.\.\/\.\.\/etc\/passwd\.txt": path separators/ },
    { label: 'backslash traversal', name: '..\\x.txt', bytes: () => Buffer.from(news('反斜杠园区')), code: 'UNSAFE_NAME', reason: /path separators \(\/ or \\\) are not allowed/ },
    { label: '0 bytes', name: 'empty.txt', bytes: () => Buffer.alloc(0), code: 'EMPTY', reason: /^empty file$/, engine: true },
    { label: '25 MB', name: 'huge.txt', bytes: () => Buffer.alloc(25 * MB, 'a'), code: 'TOO_LARGE', reason: /^too large: 25 MB \(limit 20 MB\)$/, engine: true },
    { label: 'zip bomb renamed .docx', name: 'bomb.docx', bytes: () => declareHuge(makeDocx([news('炸弹园区')])), code: 'ZIP_BOMB', reason: /^DOCX unpacks to 12288 MB \(limit 200 MB\)$/, engine: true },
    { label: 'encrypted PDF', name: 'secret.pdf', bytes: () => makePdf([[news('加密园区')]], { encrypt: true }), code: 'ENCRYPTED', reason: /^encrypted PDF \(needs a password\)$/, engine: true },
    { label: 'PNG renamed .txt', name: 'photo.txt', bytes: () => png, code: 'CONTENT_MISMATCH', reason: /^named \.txt but the content is a PNG image$/, engine: true },
    { label: 'duplicate of a seed', name: '副本 报告.txt', bytes: existing, code: 'DUPLICATE', reason: new RegExp(`^duplicate of ${seedNames[0]!.replace(/\./g, '\\.')}$`), engine: true },
    { label: 'binary noise', name: 'noise.txt', bytes: () => noise(4096), code: 'BINARY', reason: /^binary data/, engine: true },
    { label: 'Latin-1 text', name: 'latin1.txt', bytes: () => Buffer.from('caf\u00e9 \n', 'latin1'), code: 'UNDECODABLE', reason: /^not text in a known encoding/, engine: true },
    { label: 'whitespace only', name: 'blank.md', bytes: () => Buffer.from(' \n\t\n'), code: 'NO_TEXT', reason: /^no text/, engine: true },
    { label: 'scanned PDF', name: 'scan.pdf', bytes: () => makePdf([[]]), code: 'NO_TEXT', reason: /^PDF without a text layer/, engine: true },
    { label: 'old Word file', name: 'old.docx', bytes: () => Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), code: 'OLD_OR_PROTECTED_WORD', reason: /^password-protected or old-format Word/, engine: true },
    { label: 'truncated PDF', name: 'cut.pdf', bytes: () => makePdf([[news('残缺园区')]]).subarray(0, 300), code: 'CORRUPT', reason: /^truncated PDF/, engine: true },
    { label: 'HTML error page saved as .pdf', name: 'download.pdf', bytes: () => Buffer.from('<html><body>403 Forbidden</body></html>'), code: 'CONTENT_MISMATCH', reason: /^not a PDF \(no %PDF- header\)$/, engine: true },
    { label: 'text named .docx', name: 'fake.docx', bytes: () => Buffer.from(news('假文档园区')), code: 'CONTENT_MISMATCH', reason: /^named \.docx but the content is not a ZIP archive$/, engine: true },
    { label: 'plain ZIP named .docx', name: 'archive.docx', bytes: () => makeZip({ 'a.txt': 'x' }), code: 'CONTENT_MISMATCH', reason: /^not a Word document: ZIP archive without word\/document\.xml/, engine: true },
    { label: 'spreadsheet', name: 'sheet.xlsx', bytes: () => makeZip({ 'xl/workbook.xml': '<x/>' }), code: 'UNSUPPORTED_TYPE', reason: /^unsupported file type \.xlsx/, engine: true },
    { label: 'no extension', name: 'README', bytes: () => Buffer.from(news('无扩展名园区')), code: 'UNSUPPORTED_TYPE', reason: /^unsupported file type without extension/, engine: true },
    { label: 'same name, other content', name: seedNames[1]!, bytes: () => Buffer.from(news('同名园区')), code: 'NAME_EXISTS', reason: /^another document named .* is in the seeds/ },
  ];

  it('refuses each with its own code and reason, leaving the seeds byte-for-byte unchanged', async () => {
    const before = await snapshot(seedsDir);
    const seen = new Map<string, string>();
    for (const h of HOSTILE) {
      const result = await inspectUpload(h.bytes(), h.name, { maxBytes: MAX, seedsDir });
      expect(result, h.label).toMatchObject({ ok: false, code: h.code });
      if (result.ok) continue;
      expect(result.reason, h.label).toMatch(h.reason);
      expect(result.reasonZh, h.label).toMatch(/[\u4e00-\u9fff]/);
      expect(seen.has(result.reason), `${h.label}: reason shared with ${seen.get(result.reason)}`).toBe(false);
      seen.set(result.reason, h.label);
    }
    expect(await snapshot(seedsDir)).toEqual(before);
  });

  it('gives the very reason readSeeds gives when the same bytes sit in the seeds', async () => {
    const scratch = await copySeeds();
    const engineCases = HOSTILE.filter((h) => h.engine);
    for (const h of engineCases) await writeFile(join(scratch, h.name), h.bytes());
    const skipped = new Map((await readSeeds(scratch)).skipped.map((s) => [s.doc, s.reason]));
    for (const h of engineCases) {
      const result = await inspectUpload(h.bytes(), h.name, { maxBytes: MAX_SEED_BYTES, seedsDir });
      expect(result.ok ? 'accepted' : result.reason, h.label).toBe(skipped.get(h.name));
    }
  });

  it('applies the smaller of the upload limit and the engine limit', async () => {
    const bytes = Buffer.alloc(1.5 * MB, news('限额园区'));
    expect(await inspectUpload(bytes, 'a.txt', { maxBytes: MB, seedsDir })).toMatchObject({ ok: false, code: 'TOO_LARGE', reason: 'too large: 1.5 MB (limit 1 MB)' });
    expect(await inspectUpload(Buffer.alloc(MAX_SEED_BYTES + 1, 'a'), 'a.txt', { maxBytes: 100 * MB, seedsDir })).toMatchObject({ code: 'TOO_LARGE', reason: 'too large: 20.1 MB (limit 20 MB)' });
  });

  it('accepts a same-name upload only with replace, keeping the existing spelling', async () => {
    const bytes = Buffer.from(news('替换园区'));
    const upper = seedNames[1]!.toUpperCase().replace(/\.TXT$/, '.txt');
    const inspected = await inspectUpload(bytes, upper, { maxBytes: MAX, seedsDir, replace: true });
    expect(inspected).toMatchObject({ ok: true, name: seedNames[1], replaces: seedNames[1] });
  });
});

describe('sanitizeFileName', () => {
  const hash = 'abcdef0123456789'.repeat(4);
  it.each([
    ['Chinese kept', '梅河口高新区 2023年报告.txt', '梅河口高新区 2023年报告.txt'],
    ['full-width space and brackets kept', '梅河口（2020）\u3000报告.txt', '梅河口（2020）\u3000报告.txt'],
    ['reserved device name', 'CON.txt', '_CON.txt'],
    ['reserved, any case and extension case', 'nul.TXT', '_nul.txt'],
    ['reserved before an inner dot', 'com1.tar.md', '_com1.tar.md'],
    ['not reserved when longer', 'CONSOLE.txt', 'CONSOLE.txt'],
    ['control characters become spaces', '报\u0000告\n2023\t.txt', '报 告 2023.txt'],
    ['trailing dots and spaces', 'report.txt. . ', 'report.txt'],
    ['trailing dots before the extension', 'report. .docx', 'report.docx'],
    ['leading dots (hidden files)', '..hidden.txt', 'hidden.txt'],
    ['bidi override removed', '报告\u202Etxt.exe', '报告txt.exe'],
    ['zero-width removed', '报\u200b告.pdf', '报告.pdf'],
    ['NFC', 'cafe\u0301.txt', 'caf\u00e9.txt'],
    ['Windows-forbidden characters', 'a:b?<c>.txt', 'a_b__c_.txt'],
    ['empty stem named by hash', ' .txt', 'upload-abcdef012345.txt'],
    ['nothing left', '....', 'upload-abcdef012345'],
  ])('%s', (_label, requested, expected) => {
    expect(sanitizeFileName(requested, hash)).toEqual({ ok: true, name: expected });
  });

  it.each([
    ['ASCII', 'a'.repeat(300) + '.txt', '.txt'],
    ['Chinese', '报'.repeat(300) + '.docx', '.docx'],
    ['emoji (not split)', '👍🏽'.repeat(100) + '.md', '.md'],
  ])('caps a 300-character %s name at 120 UTF-8 bytes, keeping the extension', (_label, requested, extension) => {
    const result = sanitizeFileName(requested, hash);
    if (!result.ok) throw new Error(result.reason);
    expect(Buffer.byteLength(result.name)).toBeLessThanOrEqual(120);
    expect(Buffer.byteLength(result.name)).toBeGreaterThan(110);
    expect(result.name.endsWith(extension)).toBe(true);
    expect(result.name).not.toContain('\ufffd');
    expect(requested.startsWith(result.name.slice(0, -extension.length))).toBe(true);
  });

  it('handles a megabyte-long name quickly', () => {
    const started = performance.now();
    const result = sanitizeFileName('长'.repeat(1_000_000) + '.pdf', hash);
    expect(result.ok && Buffer.byteLength(result.name)).toBeLessThanOrEqual(120);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it.each(['../../etc/passwd.txt', '..\\x.txt', 'a/b.txt', 'C:\\Windows\\x.txt', '/abs.txt'])('refuses %s', (name) => {
    expect(sanitizeFileName(name, hash)).toMatchObject({ ok: false, code: 'UNSAFE_NAME' });
  });
});

describe('addDocument', () => {
  it('refuses a replacement without replace, and keeps the old version recoverable with it', async () => {
    const target = seedNames[2]!;
    const old = await readFile(join(seedsDir, target));
    const bytes = Buffer.from(news('新版本园区'));
    expect(await upload(seedsDir, bytes, target)).toMatchObject({ ok: false, code: 'NAME_EXISTS' });
    const now = new Date('2025-03-01T08:05:09.120Z');
    const replaced = await upload(seedsDir, bytes, target, { replace: true, addedBy: 'u1', indexDir, now });
    expect(replaced).toMatchObject({ ok: true, name: target, replaced: { name: target, keptAt: `.removed/2025-03-01T08-05-09.120Z/${target}` } });
    expect(await readFile(join(seedsDir, target))).toEqual(bytes);
    expect(await readFile(join(seedsDir, '.removed', '2025-03-01T08-05-09.120Z', target))).toEqual(old);
    expect(await listRemoved(seedsDir)).toEqual([{ name: target, removedAt: now.toISOString(), path: `.removed/2025-03-01T08-05-09.120Z/${target}`, size: old.length }]);
    expect((await readAudit(indexDir)).map((e) => [e.action, e.result, e.actor, e.file])).toEqual([['replace', 'ok', 'u1', target]]);
  });

  it('re-checks the folder: of two concurrent uploads of the same bytes or name, one wins', async () => {
    const bytes = Buffer.from(news('并发园区'));
    const [a, b] = await Promise.all([inspectUpload(bytes, 'a.txt', { maxBytes: MAX, seedsDir }), inspectUpload(bytes, 'b.txt', { maxBytes: MAX, seedsDir })]);
    const results = await Promise.all([addDocument(seedsDir, a as AcceptedUpload), addDocument(seedsDir, b as AcceptedUpload)]);
    expect(results.map((r) => (r.ok ? 'ok' : r.code))).toEqual(['ok', 'DUPLICATE']);
    const [c, d] = await Promise.all([
      inspectUpload(Buffer.from(news('甲园区')), 'same.txt', { maxBytes: MAX, seedsDir }),
      inspectUpload(Buffer.from(news('乙园区')), 'same.txt', { maxBytes: MAX, seedsDir }),
    ]);
    const named = await Promise.all([addDocument(seedsDir, c as AcceptedUpload), addDocument(seedsDir, d as AcceptedUpload)]);
    expect(named.map((r) => (r.ok ? 'ok' : r.code))).toEqual(['ok', 'NAME_EXISTS']);
    expect(await readFile(join(seedsDir, 'same.txt'), 'utf8')).toBe(news('甲园区'));
  });

  it('refuses an upload whose bytes were changed after inspection', async () => {
    const inspected = (await inspectUpload(Buffer.from(news('篡改园区')), 't.txt', { maxBytes: MAX, seedsDir })) as AcceptedUpload;
    const before = await snapshot(seedsDir);
    expect(await addDocument(seedsDir, { ...inspected, bytes: Buffer.from(news('别的园区')) })).toMatchObject({ ok: false, code: 'INVALID_UPLOAD' });
    expect(await addDocument(seedsDir, { ...inspected, name: '../t.txt' })).toMatchObject({ ok: false, code: 'INVALID_UPLOAD' });
    expect(await snapshot(seedsDir)).toEqual(before);
  });

  it('after a crash mid-upload: readSeeds ignores the temp file and the sweep removes it', async () => {
    const half = Buffer.from(news('崩溃园区')).subarray(0, 40);
    const stale = join(seedsDir, '.upload-0123456789abcdef.tmp');
    const fresh = join(seedsDir, '.upload-fedcba9876543210.tmp');
    await writeFile(stale, half);
    await writeFile(fresh, half);
    const hourAgo = new Date(Date.now() - 3600_000);
    await utimes(stale, hourAgo, hourAgo);
    const scan = await readSeeds(seedsDir);
    expect(scan.files.map((f) => f.name)).toEqual(seedNames);
    expect(scan.skipped).toEqual([]);
    // A young temp file may be another process's upload in flight.
    expect(await sweepStaleUploads(seedsDir)).toEqual(['.upload-0123456789abcdef.tmp']);
    expect(await sweepStaleUploads(seedsDir, { olderThanMs: 0 })).toEqual(['.upload-fedcba9876543210.tmp']);
    expect((await readdir(seedsDir)).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('addDocument sweeps stale temp files on its way', async () => {
    const stale = join(seedsDir, '.upload-aaaaaaaaaaaaaaaa.tmp');
    await writeFile(stale, 'half');
    const old = new Date(Date.now() - 3600_000);
    await utimes(stale, old, old);
    expect(await upload(seedsDir, Buffer.from(news('清扫园区')), '清扫.txt')).toMatchObject({ ok: true });
    expect((await readdir(seedsDir)).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('survives kill -9 at any moment: every document is complete, the old set or the new one', async () => {
    const bytes = Buffer.from(news('断电园区') + '园区建设'.repeat(350_000)); // ~4 MB of text
    const other = Buffer.concat([bytes, Buffer.from('另一版')]);
    const known = new Set<string>([hashOf(bytes), hashOf(other)]);
    for (const name of seedNames) known.add(hashOf(await readFile(join(seedsDir, name))));
    for (const delayMs of [5, 60, 250]) {
      const dir = await copySeeds();
      const source = `${dir}-upload.bin`;
      await writeFile(source, bytes);
      const out = await runUntilKilled(dir, source, delayMs);
      expect(out).toMatch(/step 0 add ok/);
      const scan = await readSeeds(dir);
      expect(scan.skipped).toEqual([]);
      for (const file of scan.files) expect(known.has(file.sha256), file.name).toBe(true);
      for (const removed of await listRemoved(dir)) expect(known.has(hashOf(await readFile(join(dir, removed.path)))), removed.path).toBe(true);
      await sweepStaleUploads(dir, { olderThanMs: 0 });
      expect((await readdir(dir)).filter((n) => n.startsWith('.') && n !== '.removed')).toEqual([]);
    }
  });
});

/**
 * A child process adding, replacing, removing and restoring a 4 MB document in a loop
 * (throwing on any refusal), killed with SIGKILL `delayMs` after its first add.
 */
const CHILD = `
import { readFile } from 'node:fs/promises';
const lib = await import('./src/library/index.ts');
const [seedsDir, source] = [process.env.SEEDS, process.env.SOURCE];
const bytes = await readFile(source);
const other = Buffer.concat([bytes, Buffer.from('另一版')]);
const check = (step, what, result) => {
  if (!result.ok) throw new Error(step + ' ' + what + ': ' + result.code + ' ' + result.reason);
  process.stdout.write('step ' + step + ' ' + what + ' ok\\n');
};
process.stdout.write('ready\\n');
for (let i = 0; ; i++) {
  const up = await lib.inspectUpload(i % 2 ? other : bytes, 'big.txt', { maxBytes: 20 * 1024 * 1024, seedsDir, replace: true });
  check(i, 'inspect', up);
  check(i, i === 0 ? 'add' : 'replace', await lib.addDocument(seedsDir, up, { replace: true, addedBy: 'child' }));
  check(i, 'remove', await lib.removeDocument(seedsDir, 'big.txt'));
  check(i, 'restore', await lib.restoreDocument(seedsDir, 'big.txt'));
}
`;

function runUntilKilled(seeds: string, source: string, delayMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD], {
      cwd: join(import.meta.dirname, '..'),
      env: { ...process.env, SEEDS: seeds, SOURCE: source },
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk));
    let timer = false;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk;
      // Counted from the first completed add, so a slow start-up cannot make the kill land before any work.
      if (!timer && out.includes('step 0 add ok')) {
        timer = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => (signal === 'SIGKILL' ? resolve(out) : reject(new Error(`child ended on its own: ${err}`))));
  });
}

describe('removeDocument / restoreDocument', () => {
  it('moves a document to .removed/<time>/ and brings it back', async () => {
    const name = seedNames[3]!;
    const bytes = await readFile(join(seedsDir, name));
    const now = new Date('2025-04-02T10:20:30.000Z');
    const removed = await removeDocument(seedsDir, name, { actor: 'u2', now, audit: { indexDir, guild: 'g1' } });
    expect(removed).toMatchObject({ ok: true, name, sha256: hashOf(bytes), removedTo: `.removed/2025-04-02T10-20-30.000Z/${name}` });
    expect((await readSeeds(seedsDir)).files.map((f) => f.name)).not.toContain(name);
    expect(await readFile(join(seedsDir, '.removed', '2025-04-02T10-20-30.000Z', name))).toEqual(bytes);

    const restored = await restoreDocument(seedsDir, undefined, { actor: 'u3', audit: { indexDir, guild: 'g1' } });
    expect(restored).toMatchObject({ ok: true, name, restoredFrom: `.removed/2025-04-02T10-20-30.000Z/${name}` });
    expect(await readFile(join(seedsDir, name))).toEqual(bytes);
    expect(await listRemoved(seedsDir)).toEqual([]);
    expect(await readdir(join(seedsDir, '.removed'))).toEqual([]);
    expect((await readAudit(indexDir)).map((e) => `${e.action}:${e.result}:${e.actor}`)).toEqual(['remove:ok:u2', 'restore:ok:u3']);
  });

  it('refuses unknown and unsafe names with NOT_FOUND', async () => {
    const before = await snapshot(seedsDir);
    for (const name of ['nope.txt', '../seeds/x.txt', '.removed', '']) {
      expect(await removeDocument(seedsDir, name, { audit: { indexDir, guild: 'g1' } })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    }
    expect(await restoreDocument(seedsDir)).toMatchObject({ ok: false, code: 'NOT_FOUND', reason: 'no removed documents to restore' });
    expect(await snapshot(seedsDir)).toEqual(before);
    expect((await readAudit(indexDir)).every((e) => e.action === 'remove' && e.result === 'refused' && e.code === 'NOT_FOUND')).toBe(true);
  });

  it('matches a name ignoring case, keeps two removals at the same time apart, restores the latest first', async () => {
    const now = new Date('2025-05-05T05:05:05.005Z');
    const first = Buffer.from(news('第一版园区'));
    const second = Buffer.from(news('第二版园区'));
    await upload(seedsDir, first, 'Report.txt');
    expect(await removeDocument(seedsDir, 'report.TXT', { now })).toMatchObject({ ok: true, name: 'Report.txt' });
    await upload(seedsDir, second, 'Report.txt');
    expect(await removeDocument(seedsDir, 'Report.txt', { now })).toMatchObject({ removedTo: `.removed/2025-05-05T05-05-05.005Z-1/Report.txt` });
    expect((await listRemoved(seedsDir)).map((r) => r.path)).toEqual(['.removed/2025-05-05T05-05-05.005Z-1/Report.txt', '.removed/2025-05-05T05-05-05.005Z/Report.txt']);
    expect(await restoreDocument(seedsDir, 'report.txt')).toMatchObject({ ok: true, name: 'Report.txt' });
    expect(await readFile(join(seedsDir, 'Report.txt'))).toEqual(second);
  });

  it('refuses to restore over a document of that name, or bytes already present under another name', async () => {
    const name = seedNames[4]!;
    const bytes = await readFile(join(seedsDir, name));
    await removeDocument(seedsDir, name);
    await writeFile(join(seedsDir, name), news('同名新文件'));
    let before = await snapshot(seedsDir);
    expect(await restoreDocument(seedsDir, name)).toMatchObject({ ok: false, code: 'NAME_EXISTS' });
    expect(await snapshot(seedsDir)).toEqual(before);
    await rm(join(seedsDir, name));
    await writeFile(join(seedsDir, 'copy.txt'), bytes);
    before = await snapshot(seedsDir);
    expect(await restoreDocument(seedsDir, name)).toMatchObject({ ok: false, code: 'DUPLICATE', reason: 'duplicate of copy.txt' });
    expect(await snapshot(seedsDir)).toEqual(before);
  });

  it('ignores folders in .removed that it did not make', async () => {
    await mkdir(join(seedsDir, '.removed', 'junk'), { recursive: true });
    await writeFile(join(seedsDir, '.removed', 'junk', 'x.txt'), 'x');
    expect(await listRemoved(seedsDir)).toEqual([]);
  });
});

describe('audit trail', () => {
  it('appends one line per entry and reads the last ones', async () => {
    for (let i = 0; i < 5; i++) appendAudit(indexDir, { time: new Date(Date.UTC(2025, 0, 1, 0, 0, i)), actor: `u${i}`, guild: 'g', action: 'add', file: `${i}.txt`, result: 'ok' });
    const lines = readFileSync(join(indexDir, AUDIT_FILE), 'utf8').split('\n');
    expect(lines).toHaveLength(6);
    expect(lines.at(-1)).toBe('');
    expect((await readAudit(indexDir, { limit: 2 })).map((e) => e.actor)).toEqual(['u3', 'u4']);
    expect(await readAudit(indexDir)).toHaveLength(5);
    expect(await readAudit(await tempDir('no-audit'))).toEqual([]);
  });

  it('tolerates a torn last line, and the next append starts a fresh line', async () => {
    appendAudit(indexDir, { actor: 'a', guild: 'g', action: 'add', file: 'a.txt', result: 'ok' });
    appendFileSync(join(indexDir, AUDIT_FILE), '{"time":"2025-01-01T00:00:00.000Z","actor":"b","gui');
    expect((await readAudit(indexDir)).map((e) => e.actor)).toEqual(['a']);
    appendAudit(indexDir, { actor: 'c', guild: 'g', action: 'remove', file: 'a.txt', result: 'ok' });
    expect((await readAudit(indexDir)).map((e) => e.actor)).toEqual(['a', 'c']);
    expect((await readAudit(indexDir, { limit: 1 })).map((e) => e.actor)).toEqual(['c']);
  });

  it('keeps every line under 4 KB, whatever the reason says', async () => {
    const entry = appendAudit(indexDir, { actor: 'x'.repeat(5000), guild: 'g', action: 'add', file: '报'.repeat(3000), result: 'refused', reason: '\u0001'.repeat(5000) });
    const line = readFileSync(join(indexDir, AUDIT_FILE), 'utf8').split('\n')[0]!;
    expect(Buffer.byteLength(line)).toBeLessThanOrEqual(MAX_AUDIT_LINE);
    expect((await readAudit(indexDir))[0]).toEqual(entry);
  });

  it('records refusals of the library with their code', async () => {
    const inspected = (await inspectUpload(Buffer.from(news('审计园区')), '审计.txt', { maxBytes: MAX, seedsDir })) as AcceptedUpload;
    await addDocument(seedsDir, inspected, { addedBy: 'u9', audit: { indexDir, guild: 'g9' } });
    await addDocument(seedsDir, inspected, { addedBy: 'u9', audit: { indexDir, guild: 'g9' } });
    const [ok, refused] = await readAudit(indexDir);
    expect(ok).toMatchObject({ actor: 'u9', guild: 'g9', action: 'add', file: '审计.txt', sha256: inspected.sha256, result: 'ok' });
    expect(refused).toMatchObject({ action: 'add', result: 'refused', code: 'DUPLICATE', reason: 'duplicate of 审计.txt' });
  });
});

describe('listDocuments', () => {
  it('lists name, size, mtime and who added a document from chat', async () => {
    const bytes = Buffer.from(news('名单园区'));
    await upload(seedsDir, bytes, '名单.txt', { addedBy: 'admin#7', indexDir, now: new Date('2025-06-01T00:00:00.000Z') });
    const docs = await listDocuments(seedsDir, await readAudit(indexDir));
    expect(docs.map((d) => d.name)).toEqual([...seedNames, '名单.txt'].sort());
    const added = docs.find((d) => d.name === '名单.txt')!;
    expect(added).toMatchObject({ size: bytes.length, format: 'text', sha256: hashOf(bytes), addedBy: 'admin#7', addedAt: '2025-06-01T00:00:00.000Z', addedVia: 'add' });
    expect(added.mtime).toBe((await stat(join(seedsDir, '名单.txt'))).mtime.toISOString());
    expect(docs.find((d) => d.name === seedNames[0])?.addedBy).toBeUndefined();
    // Changed by hand on the server afterwards: no longer what that admin added.
    await writeFile(join(seedsDir, '名单.txt'), news('手改园区'));
    expect((await listDocuments(seedsDir, await readAudit(indexDir))).find((d) => d.name === '名单.txt')?.addedBy).toBeUndefined();
    expect((await listDocuments(seedsDir)).find((d) => d.name === '名单.txt')).not.toHaveProperty('sha256');
  });
});

describe('download', () => {
  it('refuses in the loader’s own words, by the announced size and when the stream runs past the limit', async () => {
    const { createServer } = await import('node:http');
    // No Content-Length: only counting the streamed bytes can stop it.
    const server = createServer((_req, res) => {
      res.writeHead(200);
      for (let i = 0; i < 3; i++) res.write(Buffer.alloc(MB, 'a'));
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/x.txt`;
    try {
      expect(await download(url, { maxBytes: MB, announced: 25 * MB })).toMatchObject({ code: 'TOO_LARGE', reason: 'too large: 25 MB (limit 1 MB)', reasonZh: '文件太大：25 MB（上限 1 MB）。' });
      expect(await download(url, { maxBytes: 2 * MB })).toMatchObject({ code: 'TOO_LARGE', reason: 'too large: over 2 MB (limit 2 MB)', reasonZh: '文件太大：超过 2 MB（上限 2 MB）。' });
      expect(Buffer.isBuffer(await download(url, { maxBytes: 4 * MB }))).toBe(true);
    } finally {
      server.close();
    }
  });
});
