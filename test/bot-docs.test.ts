import { createHash } from 'node:crypto';
import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../src/library/index.js';
import { bodyOf, shownText, startHarness, type Harness } from './fake-discord/harness.js';
import type { FakeAttachment } from './fake-discord/server.js';
import { makeDocx } from './fixtures/formats/docx.js';
import { makePdf } from './fixtures/formats/pdf.js';
import { declareHuge, png } from './fixtures/library/bytes.js';
import { copySeeds } from './helpers.js';

/** Admins manage the documents through the real discord.js client; every byte is real. */
let h: Harness;
let seedsDir: string;
beforeAll(async () => {
  seedsDir = await copySeeds();
  h = await startHarness({ seedsDir });
});
afterAll(async () => {
  await h?.stop();
  await rm(seedsDir, { recursive: true, force: true });
});

const ADMIN = { userId: '300000000000000001', permissions: PermissionFlagsBits.ManageGuild };
const MEMBER = { userId: '300000000000000002' };

/** Every file of the seeds folder (removed ones included) with its hash: “byte for byte unchanged”. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[path.slice(dir.length)] = createHash('sha256').update(await readFile(path)).digest('hex');
  }
  return out;
}

const add = (file: FakeAttachment, actor: object = ADMIN, options: { name: string; value: string | boolean; type?: number }[] = []) =>
  h.fake.subcommand('docs', 'add', [{ name: 'file', type: 11, value: file.id }, ...options], actor, [file]);

/** The deferred reply's final edit (progress edits may come before it). */
async function finalAnswer(handle: ReturnType<typeof add>): Promise<string> {
  const first = await handle.next();
  expect(first).toMatchObject({ kind: 'callback', type: 5 });
  let last = await handle.next();
  for (;;) {
    const text = shownText(last);
    if (!text.includes('进行中')) return text;
    last = await handle.next();
  }
}

describe('/docs add', () => {
  it('adds a .docx and a GB18030 .txt whose figures /figure then finds', async () => {
    const docx = makeDocx(['岳阳经济技术开发区2023年发展报告', '', '岳阳经济技术开发区全年实现地区生产总值386.5亿元，同比增长8.2%。']);
    const added = await finalAnswer(add(h.fake.attach(docx, '岳阳经济技术开发区报告.docx', { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' })));
    expect(added).toContain('已添加 / Added · 岳阳经济技术开发区报告.docx');
    expect(added).toContain('386.5亿元');

    const gb = iconv.encode('株洲高新区2023年工作总结\n\n株洲高新区全年完成货运量1250万吨，实现营业收入42.7亿元。\n', 'gb18030');
    expect(await finalAnswer(add(h.fake.attach(gb, '株洲高新区.txt')))).toContain('已添加 / Added · 株洲高新区.txt');

    expect(shownText(await h.fake.command('figure', [{ name: 'query', value: '地区生产总值' }, { name: 'zone', value: '岳阳经开区' }]).next())).toContain('386.5亿元');
    expect(shownText(await h.fake.command('figure', [{ name: 'query', value: '营业收入' }, { name: 'zone', value: '株洲高新区' }]).next())).toContain('42.7亿元');

    const audit = await readAudit(h.config.indexDir);
    expect(audit.filter((e) => e.action === 'add' && e.result === 'ok').map((e) => e.actor)).toEqual([ADMIN.userId, ADMIN.userId]);
  });

  it('refuses a member, and Manage Server in another guild, before downloading anything', async () => {
    const file = h.fake.attach(Buffer.from('不该被读取的文件'), 'x.txt');
    for (const actor of [MEMBER, { ...ADMIN, guildId: '400000000000000001' }]) {
      const reply = await add(file, actor).next();
      expect(shownText(reply)).toMatch(/管理员|admin/i);
      expect(bodyOf(reply).flags).toBe(64);
    }
    expect(h.fake.downloads.get(file.id) ?? 0).toBe(0);
  });

  it('refuses a hostile upload set file by file and leaves seeds/ byte for byte unchanged', async () => {
    const before = await snapshot(seedsDir);
    const existing = await readFile(join(seedsDir, '000_2948f0920b1045a6.txt'));
    const cases: [FakeAttachment, RegExp][] = [
      [h.fake.attach(Buffer.from('正常内容，但名字想逃出目录。'), '../../etc/passwd.txt'), /UNSAFE_NAME/],
      [h.fake.attach(Buffer.alloc(0), 'empty.txt'), /EMPTY|empty/],
      [h.fake.attach(Buffer.alloc(10), 'huge.txt', { size: 25 * 1024 * 1024 }), /TOO_LARGE/],
      [h.fake.attach(declareHuge(makeDocx(['炸弹园区'])), 'bomb.docx'), /ZIP_BOMB/],
      [h.fake.attach(makePdf([['加密园区的报告']], { encrypt: true }), 'secret.pdf'), /ENCRYPTED/],
      [h.fake.attach(png, 'picture.txt', { contentType: 'text/plain' }), /CONTENT_MISMATCH/],
      [h.fake.attach(existing, '副本.txt'), /DUPLICATE/],
    ];
    for (const [file, code] of cases) {
      const text = await finalAnswer(add(file));
      expect(text, file.filename).toContain('未完成 / Not done');
      expect(text, file.filename).toMatch(code);
    }
    // The 25 MB claim is refused without a download.
    expect(h.fake.downloads.get(cases[2]![0].id) ?? 0).toBe(0);
    expect(await snapshot(seedsDir)).toEqual(before);
  });

  it('asks for replace:true instead of overwriting a document of the same name', async () => {
    const file = h.fake.attach(Buffer.from('株洲高新区2024年工作总结\n\n株洲高新区全年完成货运量1380万吨，实现营业收入50.1亿元，同比增长17.3%。\n'), '株洲高新区.txt');
    expect(await finalAnswer(add(file))).toMatch(/NAME_EXISTS/);
    expect(await finalAnswer(add(file, ADMIN, [{ name: 'replace', type: 5, value: true }]))).toContain('已替换 / Replaced');
    expect(shownText(await h.fake.command('figure', [{ name: 'query', value: '营业收入' }, { name: 'zone', value: '株洲高新区' }]).next())).toContain('50.1亿元');
  });
});

describe('/docs remove, restore and list', () => {
  it('forgets a removed document in answers, and brings it back on restore', async () => {
    const ask = async () => shownText(await h.fake.command('figure', [{ name: 'query', value: '地区生产总值' }, { name: 'zone', value: '岳阳经开区' }]).next());
    expect(await ask()).toContain('386.5亿元');
    const removed = h.fake.subcommand('docs', 'remove', [{ name: 'name', value: '岳阳经济技术开发区报告.docx' }], ADMIN);
    expect(await finalAnswer(removed)).toContain('已删除 / Removed');
    expect(await ask()).not.toContain('386.5亿元');
    expect((await readdir(join(seedsDir, '.removed'), { recursive: true })).some((p) => p.endsWith('岳阳经济技术开发区报告.docx'))).toBe(true);

    expect(await finalAnswer(h.fake.subcommand('docs', 'restore', [], ADMIN))).toContain('已恢复 / Restored · 岳阳经济技术开发区报告.docx');
    expect(await ask()).toContain('386.5亿元');
  });

  it('lists documents to everyone, with who added them from Discord', async () => {
    const list = await h.fake.subcommand('docs', 'list', [], MEMBER).next();
    const text = shownText(list);
    expect(text).toContain('岳阳经济技术开发区报告.docx');
    expect(text).toContain(`<@${ADMIN.userId}>`);
    expect(text).toContain('最近的变更');
    expect(bodyOf(list).allowed_mentions).toEqual({ parse: [] });
    // Admins also see the audit trail in /stats; members do not.
    const stats = shownText(await h.fake.command('stats', [], ADMIN).next());
    expect(stats).toContain('最近的资料变更');
    expect(stats).toContain('restore 岳阳经济技术开发区报告.docx · ok');
    expect(shownText(await h.fake.command('stats', [], MEMBER).next())).not.toContain('最近的资料变更');
  });

  it('autocompletes document names for remove', async () => {
    const reply = await h.fake.autocomplete('docs', [{ name: 'name', value: '岳阳', focused: true }], {}, 'remove').next();
    expect(bodyOf(reply).choices).toEqual([{ name: '岳阳经济技术开发区报告.docx', value: '岳阳经济技术开发区报告.docx' }]);
  });
});
