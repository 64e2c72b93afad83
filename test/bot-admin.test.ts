import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryService } from '../src/search/service.js';
import { bodyOf, shownText, startHarness, waitFor, type Harness } from './fake-discord/harness.js';

/** /reindex as admins and others see it, with the real engine behind a call counter. */
let h: Harness;
let reindexCalls = 0;
const ADMIN_USER = '300000000000000001';
const MANAGE_GUILD = 1n << 5n;
const EPHEMERAL = 64;

beforeAll(async () => {
  h = await startHarness({
    env: { ADMIN_USER_IDS: ADMIN_USER, ADMIN_ROLE_IDS: '100000000000000005' },
    wrap: (engine): QueryService =>
      Object.assign(Object.create(engine) as QueryService, {
        reindex: () => {
          reindexCalls += 1;
          return engine.reindex();
        },
      }),
  });
});
afterAll(async () => {
  await h?.stop();
});

describe('/reindex', () => {
  it('is registered for Manage Server by default', async () => {
    const { COMMANDS } = await import('../src/bot/commands.js');
    expect(COMMANDS.find((c) => c.data.name === 'reindex')!.data.toJSON().default_member_permissions).toBe(String(MANAGE_GUILD));
  });

  it('is refused, ephemerally and before anything runs, for a member without permission', async () => {
    const interaction = h.fake.command('reindex', [], { permissions: 0n, roles: ['999999999999999999'] });
    const reply = await interaction.next();
    expect(reply).toMatchObject({ kind: 'callback', type: 4 });
    expect(bodyOf(reply).flags).toBe(EPHEMERAL);
    expect(shownText(reply)).toContain('没有权限');
    expect(reindexCalls).toBe(0);
    expect(interaction.responses).toHaveLength(1);
  });

  it('is refused in a DM for a user who is not a configured admin', async () => {
    const reply = await h.fake.command('reindex', [], { where: 'dm' }).next();
    expect(bodyOf(reply).flags).toBe(EPHEMERAL);
    expect(reindexCalls).toBe(0);
  });

  it('runs for Manage Server: deferred ephemerally, then the outcome', async () => {
    const interaction = h.fake.command('reindex', [], { permissions: MANAGE_GUILD });
    const deferred = await interaction.next();
    expect(deferred).toMatchObject({ kind: 'callback', type: 5, data: { flags: EPHEMERAL } });
    const done = await interaction.next(60_000);
    expect(done.kind).toBe('edit');
    expect(shownText(done)).toContain('索引未变');
    expect(shownText(done)).toContain('文件没有变化');
    expect(reindexCalls).toBe(1);
  });

  it('runs for a user in ADMIN_USER_IDS, in a DM', async () => {
    const interaction = h.fake.command('reindex', [], { where: 'dm', userId: ADMIN_USER });
    await interaction.next();
    expect(shownText(await interaction.next(60_000))).toContain('索引未变');
    expect(reindexCalls).toBe(2);
  });

  it('runs for a member holding a role in ADMIN_ROLE_IDS', async () => {
    const interaction = h.fake.command('reindex', [], { roles: [h.fake.ids.adminRoleId] });
    await interaction.next();
    expect(shownText(await interaction.next(60_000))).toContain('索引未变');
    expect(reindexCalls).toBe(3);
  });

  it('says so when a reindex is already running', async () => {
    const first = h.fake.command('reindex', [], { permissions: MANAGE_GUILD });
    const second = h.fake.command('reindex', [], { permissions: MANAGE_GUILD });
    const outcomes = await Promise.all([first, second].map(async (i) => (await i.next(), shownText(await i.next(60_000)))));
    expect(outcomes.filter((t) => t.includes('已有一个重建索引任务在运行'))).toHaveLength(1);
    expect(outcomes.filter((t) => t.includes('索引未变'))).toHaveLength(1);
  });

  it('logs refusals and runs', async () => {
    const lines = await waitFor(() => {
      const found = h.logs.filter((l) => l.message === 'interaction' && l.command === 'reindex');
      return found.length === 7 && found;
    });
    expect(lines.filter((l) => l.refused)).toHaveLength(2);
    expect(lines.filter((l) => l.code === 'REINDEX_BUSY')).toHaveLength(1);
  });
});
