import { copyFile, mkdir, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeText } from '../src/corpus/decode.js';
import { extractDocx } from '../src/corpus/formats/docx.js';
import { extractPdf } from '../src/corpus/formats/pdf.js';
import { MAX_SEED_BYTES, readSeeds, type SeedScan } from '../src/corpus/load.js';
import { openEngine, type Engine } from '../src/search/engine.js';
import { makeDocx } from './fixtures/formats/docx.js';
import { makePdf } from './fixtures/formats/pdf.js';
import { makeZip } from './fixtures/formats/zip.js';
import { tempDir } from './helpers.js';
import { SEEDS_DIR, seedNames } from './seeds.js';

/** A sentence long enough to be a passage of its own, about a made-up zone no seed mentions. */
const news = (zone: string) => `本报讯 ${zone}今年新引进项目42个，总投资88.6亿元，同比增长12.5%，其中外资项目9个，带动就业3200人，园区规上工业产值首次突破150亿元大关。`;

interface Good {
  name: string;
  bytes: Buffer;
  phrase: string;
}

const utf16be = (text: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);

const GOOD: Good[] = [
  { name: 'gbk 国标.txt', bytes: iconv.encode(news('鲲鹏湾科技园'), 'gbk'), phrase: '鲲鹏湾科技园' },
  { name: 'gb18030.md', bytes: iconv.encode(`# 标题\n\n${news('貔貅岭智造园')}𠀀`, 'gb18030'), phrase: '貔貅岭智造园' },
  { name: 'utf16le.txt', bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(news('凤凰岭产业园'), 'utf16le')]), phrase: '凤凰岭产业园' },
  { name: 'utf16be.txt', bytes: utf16be(news('麒麟山物流园')), phrase: '麒麟山物流园' },
  { name: 'utf8-bom.txt', bytes: Buffer.from(`\ufeff${news('玄武湖创新港')}`), phrase: '玄武湖创新港' },
  { name: '规划 纲要 2021.docx', bytes: makeDocx(['白泽河生态城发展规划', '', news('白泽河生态城')]), phrase: '白泽河生态城' },
  { name: '公报 2022.pdf', bytes: makePdf([[news('朱雀台开发区').slice(0, 30), news('朱雀台开发区').slice(30)], ['', ...chunks(news('青龙峡数字港'), 30)]]), phrase: '青龙峡数字港' },
];

/** Bad inputs and the reason each must be skipped with; `make` writes the few that are not plain bytes. */
const BAD: { name: string; bytes?: Buffer; make?: (path: string) => Promise<void>; reason: RegExp }[] = [
  { name: 'random.txt', bytes: randomBytes(4096), reason: /^binary data|^not text/ },
  { name: 'controls.txt', bytes: Buffer.from('\u0001\u0002\u0003\u0004abc\u0005\u0006\u0007'), reason: /^binary data, not text \(\d+ control characters/ },
  { name: 'empty.txt', bytes: Buffer.alloc(0), reason: /^empty file$/ },
  { name: 'blank.md', bytes: Buffer.from(' \n\t\n'), reason: /^no text/ },
  { name: 'archive.zip', bytes: makeZip({ 'a.txt': '梅河口' }), reason: /^unsupported file type \.zip/ },
  { name: 'sheet.xlsx', bytes: makeZip({ 'xl/workbook.xml': '<x/>' }), reason: /^unsupported file type \.xlsx/ },
  { name: 'picture.png', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), reason: /^unsupported file type \.png/ },
  { name: 'huge.txt', make: (path) => writeFile(path, '').then(() => truncate(path, MAX_SEED_BYTES + 1)), reason: /^too large: 20\.1 MB \(limit 20 MB\)$/ },
  { name: 'truncated.pdf', bytes: makePdf([[news('残缺园区')]]).subarray(0, 300), reason: /^truncated PDF/ },
  { name: 'encrypted.pdf', bytes: makePdf([[news('加密园区')]], { encrypt: true }), reason: /^encrypted PDF \(needs a password\)$/ },
  { name: 'garbage.pdf', bytes: Buffer.from('%PDF-1.4\nthis is not a PDF body\n%%EOF\n'), reason: /^corrupt PDF: / },
  { name: 'scan.pdf', bytes: makePdf([[]]), reason: /^PDF without a text layer/ },
  { name: 'not-a.pdf', bytes: Buffer.from('梅河口高新区'), reason: /^not a PDF/ },
  { name: 'truncated.docx', bytes: makeDocx([news('残缺园区')]).subarray(0, 200), reason: /^corrupt DOCX: no ZIP central directory/ },
  { name: 'plain-zip.docx', bytes: makeZip({ 'a.txt': 'x' }), reason: /^not a Word document: ZIP archive without word\/document\.xml \(holds a\.txt\)$/ },
  { name: 'bad-xml.docx', bytes: makeZip({ 'word/document.xml': '<w:document', '_rels/.rels': '<' }), reason: /^corrupt DOCX: / },
  { name: 'bomb.docx', bytes: declareHuge(makeDocx([news('炸弹园区')])), reason: /^DOCX unpacks to 12288 MB \(limit 200 MB\)$/ },
  { name: 'legacy.docx', bytes: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), reason: /^password-protected or old-format Word file/ },
  { name: 'pdf-named.docx', bytes: makePdf([[news('改名园区')]]), reason: /^named \.docx but the content is a PDF$/ },
  { name: 'zip-named.txt', bytes: makeZip({ 'a.txt': 'x' }), reason: /^named \.txt but the content is a ZIP archive$/ },
  { name: 'latin1.txt', bytes: Buffer.from('caf\u00e9 \n', 'latin1'), reason: /^not text in a known encoding/ },
  { name: 'README', bytes: Buffer.from('梅河口'), reason: /^unsupported file type without extension/ },
  { name: '副本 梅河口 报告.txt', make: (path) => copyFile(join(SEEDS_DIR, seedNames[0]!), path), reason: new RegExp(`^duplicate of ${seedNames[0]!.replace(/\./g, '\\.')}$`) },
];

let seedsDir: string;
let scan: SeedScan;
let engine: Engine;

beforeAll(async () => {
  seedsDir = await tempDir('formats');
  await Promise.all(seedNames.map((name) => copyFile(join(SEEDS_DIR, name), join(seedsDir, name))));
  for (const { name, bytes } of GOOD) await writeFile(join(seedsDir, name), bytes);
  for (const { name, bytes, make } of BAD) await (make ? make(join(seedsDir, name)) : writeFile(join(seedsDir, name), bytes!));
  await mkdir(join(seedsDir, 'a directory.txt'));
  scan = await readSeeds(seedsDir);
  engine = await openEngine({ seedsDir, indexDir: await tempDir('formats-index') });
});

describe('readSeeds over a directory of good and bad files', () => {
  it('indexes the real seeds and every good fixture, nothing else', () => {
    expect(scan.files.map((f) => f.name).sort()).toEqual([...seedNames, ...GOOD.map((g) => g.name)].sort());
  });

  it.each(BAD.map((b) => [b.name, b.reason] as const))('skips %s with its reason', (name, reason) => {
    const entry = scan.skipped.find((s) => s.doc === name);
    expect(entry?.reason).toMatch(reason);
  });

  it('reports exactly the bad files, and ignores directories', () => {
    expect(scan.skipped.map((s) => s.doc).sort()).toEqual(BAD.map((b) => b.name).sort());
  });

  it('decodes every encoding to the same text, without a BOM', () => {
    for (const name of ['gbk 国标.txt', 'utf16le.txt', 'utf16be.txt', 'utf8-bom.txt']) {
      const text = scan.files.find((f) => f.name === name)!.text;
      expect(text.startsWith('本报讯 ')).toBe(true);
      expect(text).toMatch(/总投资88\.6亿元，同比增长12\.5%/);
    }
    expect(scan.files.find((f) => f.name === 'gb18030.md')).toMatchObject({ format: 'markdown', text: expect.stringContaining('𠀀') });
  });

  it('gives DOCX one paragraph per line and PDF the page of every line', () => {
    const docx = scan.files.find((f) => f.format === 'docx')!;
    expect(docx.text.split('\n')).toEqual(['白泽河生态城发展规划', '', news('白泽河生态城')]);
    const pdf = scan.files.find((f) => f.format === 'pdf')!;
    expect(pdf.pageOfLine).toHaveLength(pdf.text.split('\n').length);
    expect(pdf.text.replace(/\n/g, '')).toContain(news('青龙峡数字港'));
  });
});

describe('the engine over those files', () => {
  it.each(GOOD.map((g) => [g.name, g.phrase] as const))('answers from %s with a citation naming it', (name, phrase) => {
    const hit = engine.ask(phrase, { limit: 10 }).results.find((r) => r.citation.doc === name);
    expect(hit?.text).toContain(phrase);
    expect(engine.source(hit!.citation.passage).passage.doc).toBe(name);
  });

  it('cites DOCX by paragraph', () => {
    const hit = engine.ask('白泽河生态城').results.find((r) => r.citation.doc === '规划 纲要 2021.docx')!;
    expect(hit.citation.unit).toBe('paragraph');
    expect(hit.citation.lines[1]).toBe(3);
  });

  it('cites PDF by page', () => {
    const second = engine.ask('青龙峡数字港').results.find((r) => r.citation.doc === '公报 2022.pdf')!;
    expect(second.citation.pages).toEqual([2, 2]);
    const first = engine.ask('朱雀台开发区').results.find((r) => r.citation.doc === '公报 2022.pdf')!;
    expect(first.citation.pages).toEqual([1, 1]);
  });

  it('reports every skipped file with its reason in stats', () => {
    const skipped = engine.stats().skipped;
    for (const { name, reason } of BAD) expect(skipped.find((s) => s.doc === name)?.reason).toMatch(reason);
    expect(engine.stats().docs.map((d) => d.doc)).not.toContain('副本 梅河口 报告.txt');
  });
});

describe('file names and skip reports across restarts', () => {
  it('looks up a passage of a file whose name has full-width characters', async () => {
    const dir = await tempDir('fullwidth');
    await writeFile(join(dir, '梅河口（2020）\u3000报告.txt'), news('全角名称园区'));
    const e = await openEngine({ seedsDir: dir, indexDir: await tempDir('fullwidth-index') });
    const hit = e.ask('全角名称园区').results[0]!;
    expect(e.source(hit.citation.passage).passage.doc).toBe('梅河口（2020）\u3000报告.txt');
  });

  it('reports a bad file added after the index was built', async () => {
    const dir = await tempDir('late-bad');
    await writeFile(join(dir, 'a.txt'), news('后来园区'));
    const indexDir = await tempDir('late-bad-index');
    await openEngine({ seedsDir: dir, indexDir });
    await writeFile(join(dir, 'late.zip'), 'x');
    const e = await openEngine({ seedsDir: dir, indexDir });
    expect(e.stats().loadedFrom).toBe('disk');
    expect(e.stats().skipped.map((s) => s.doc)).toContain('late.zip');
  });
});

describe('decodeText', () => {
  it.each([
    ['UTF-8', Buffer.from('梅河口'), 'utf-8'],
    ['UTF-8 with BOM', Buffer.from('\ufeff梅河口'), 'utf-8 with BOM'],
    ['UTF-16 LE', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('梅河口', 'utf16le')]), 'utf-16le'],
    ['UTF-16 BE', utf16be('梅河口'), 'utf-16be'],
    ['GBK', iconv.encode('梅河口', 'gbk'), 'gb18030'],
  ])('%s', (_name, bytes, encoding) => {
    expect(decodeText(bytes)).toEqual({ text: '梅河口', encoding });
  });

  it('refuses broken UTF-16 and text that is mostly control characters', () => {
    expect(() => decodeText(Buffer.from([0xff, 0xfe, 0x2d]))).toThrow(/invalid UTF-16LE/);
    expect(() => decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.alloc(64)]))).toThrow(/control characters/);
  });
});

describe('extractors', () => {
  it('PDF: a wide vertical gap becomes a blank line on the same page', async () => {
    const { text, pageOfLine } = await extractPdf(makePdf([['第一段。', '', '第二段。'], ['第三段。']]));
    expect(text.split('\n')).toEqual(['第一段。', '', '第二段。', '第三段。']);
    expect(pageOfLine).toEqual([1, 1, 1, 2]);
  });

  it('DOCX: line breaks inside a paragraph stay on its line; empty paragraphs count', async () => {
    expect((await extractDocx(makeDocx(['甲\n乙', '', '丙']))).split('\n')).toEqual(['甲乙', '', '丙']);
  });
});

function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** A zip bomb's directory: each of its three entries claims to unpack to 4 GB (the bytes stay small). */
function declareHuge(zip: Buffer): Buffer {
  const out = Buffer.from(zip);
  for (let at = out.indexOf('PK\x01\x02'); at >= 0; at = out.indexOf('PK\x01\x02', at + 4)) out.writeUInt32LE(0xffffffff, at + 24);
  return out;
}

/** Deterministic noise with NUL bytes, like any binary file. */
function randomBytes(length: number): Buffer {
  let state = 42;
  return Buffer.from(Array.from({ length }, () => (state = (state * 1103515245 + 12345) % 2 ** 31) >> 23));
}
