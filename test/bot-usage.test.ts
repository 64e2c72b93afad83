import { PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf, buttonsOf, shownText, startHarness, type Harness } from './fake-discord/harness.js';

/** Usage memory through the real discord.js client and a real SQLite file. */
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ usage: true });
});
afterAll(async () => {
  await h?.stop();
});

const ADMIN = { userId: '300000000000000001', permissions: PermissionFlagsBits.ManageGuild };
const MEMBER = { userId: '300000000000000002' };
const OTHER = { userId: '300000000000000003' };

describe('feedback and usage memory', () => {
  it('takes one vote per user, a 👎 with its comment, and shows them to admins only', async () => {
    const asked = h.fake.command('ask', [{ name: 'question', value: '梅河口离长春有多远？' }], MEMBER);
    await asked.next();
    const votes = buttonsOf(asked.message());
    expect(votes.has('👍 有用')).toBe(true);
    expect(votes.has('👎 不对')).toBe(true);

    // 👍 twice by one user: counted once; the answer is told privately.
    const up = await h.fake.click(asked.message()!, votes.get('👍 有用')!.customId, OTHER).next();
    expect(shownText(up)).toContain('已记录 👍');
    expect(bodyOf(up).flags).toBe(64);
    expect(shownText(await h.fake.click(asked.message()!, votes.get('👍 有用')!.customId, OTHER).next())).toContain('你已经投过 👍');

    // 👎 opens the comment form; the comment is kept with the vote.
    const down = h.fake.click(asked.message()!, votes.get('👎 不对')!.customId, MEMBER);
    const form = await down.next();
    expect(form).toMatchObject({ kind: 'callback', type: 9 });
    const modal = bodyOf(form);
    const field = (modal.components as { component: { custom_id: string } }[])[0]!.component.custom_id;
    const thanks = await h.fake.submit(modal, { [field]: '正确答案是163公里，但应注明是公路距离' }, MEMBER).next();
    expect(shownText(thanks)).toContain('已记录 👎');

    // A question the documents do not answer is remembered as unanswered.
    await h.fake.command('ask', [{ name: 'question', value: '上海张江的营业收入是多少？' }], MEMBER).next();

    const member = await h.fake.command('stats', [], MEMBER).next();
    expect(shownText(member)).toContain('索引统计');
    expect(shownText(member)).not.toContain('使用情况');

    const admin = await h.fake.command('stats', [], ADMIN).next();
    const text = shownText(admin);
    expect(bodyOf(admin).flags).toBe(64);
    expect(text).toContain('使用情况');
    expect(text).toContain('上海张江的营业收入是多少');
    expect(text).toContain('正确答案是163公里');

    const report = h.usage!.usageReport();
    expect(report.downvoted).toEqual([{ query: '梅河口离长春有多远', count: 1, comments: ['正确答案是163公里，但应注明是公路距离'] }]);
    expect(report.unanswered.map((q) => q.query)).toEqual(['上海张江的营业收入是多少']);
  });

  it('does not make an admin of Manage Server in another guild', async () => {
    const elsewhere = await h.fake.command('stats', [], { ...ADMIN, guildId: '400000000000000001' }).next();
    expect(shownText(elsewhere)).not.toContain('使用情况');
  });
});
