import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDS_DIR, bodyOf, shownText, startHarness, type Harness } from './fake-discord/harness.js';

/**
 * A seed that tries to ping everyone, a role and a user: the bot must quote it without
 * pinging anyone, whatever the text says.
 */
const HOSTILE = '通知：@everyone @here 请 <@&100000000000000005> 和 <@200000000000000001> 注意，鹿鸣湖开发区 **重要** 投资 `代码` ||剧透|| 达到 99.9亿元。\n';

let h: Harness;
let seedsDir: string;
beforeAll(async () => {
  seedsDir = await mkdtemp(join(tmpdir(), 'zone-bot-seeds-'));
  await cp(SEEDS_DIR, seedsDir, { recursive: true });
  await writeFile(join(seedsDir, '900_mentions.txt'), HOSTILE.repeat(3));
  h = await startHarness({ seedsDir });
});
afterAll(async () => {
  await h?.stop();
  await rm(seedsDir, { recursive: true, force: true });
});

describe('document text that mentions people', () => {
  it('is answered with every mention disabled', async () => {
    const interaction = h.fake.command('ask', [{ name: 'question', value: '鹿鸣湖开发区投资' }]);
    const reply = await interaction.next();
    const body = bodyOf(reply);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    const text = shownText(reply);
    expect(text).toContain('@everyone');
    expect(text).toContain('900_mentions.txt');
    // The markup is shown as text, not applied.
    expect(text).toContain('\\\\<@&100000000000000005\\\\>');
    expect(text).not.toContain('**重要**');
  });

  it('stays unpinging in the 原文 view and in /source', async () => {
    const reply = await h.fake.command('source', [{ name: 'id', value: '900_mentions.txt#1' }]).next();
    expect(shownText(reply)).toContain('@everyone');
    expect(bodyOf(reply).allowed_mentions).toEqual({ parse: [] });
  });

  it('never leaves allowed_mentions out of any message', () => {
    const bodies = h.fake.requests.filter((r) => /callback$|webhooks/.test(r.path)).map((r) => r.body as Record<string, unknown>);
    const messages = bodies.map((b) => ('type' in b ? (b.data as Record<string, unknown> | undefined) : b)).filter((b): b is Record<string, unknown> => Boolean(b && 'embeds' in b));
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(m.allowed_mentions).toEqual({ parse: [] });
  });
});
