import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployCommands } from '../src/bot/deploy.js';
import { loadConfig } from '../src/config.js';
import { AppError } from '../src/errors.js';
import { silentLogger } from '../src/logger.js';
import { startFakeDiscord, type FakeDiscord } from './fake-discord/server.js';

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await startFakeDiscord();
});
afterAll(async () => {
  await fake?.close();
});

const env = (extra: Record<string, string> = {}) => ({ DISCORD_TOKEN: fake.token, DISCORD_CLIENT_ID: fake.ids.applicationId, DISCORD_API_URL: fake.apiUrl, ...extra });
const NAMES = ['ask', 'figure', 'compare', 'zone', 'source', 'stats', 'help', 'docs', 'reindex'];

describe('deploy-commands', () => {
  it('registers every command in the guild, localized, idempotently', async () => {
    const config = loadConfig(env({ DISCORD_GUILD_ID: fake.ids.guildId }));
    const first = await deployCommands({ config, logger: silentLogger });
    expect(first).toEqual({ scope: 'guild', names: NAMES });
    const stored = fake.commands.get(fake.ids.guildId)!;
    const ids = stored.map((c) => c.id);
    for (const c of stored) {
      expect(c.name_localizations).toMatchObject({ 'zh-CN': expect.any(String), 'en-US': c.name });
      expect(c.description_localizations).toMatchObject({ 'zh-CN': expect.any(String), 'en-US': expect.any(String) });
      expect(c.contexts).toEqual([0, 1]);
    }
    expect(stored.find((c) => c.name === 'reindex')!.default_member_permissions).toBe('32');
    const figure = stored.find((c) => c.name === 'figure')! as { options: { name: string; autocomplete?: boolean }[] };
    expect(figure.options.filter((o) => o.autocomplete).map((o) => o.name)).toEqual(['query', 'zone']);

    await deployCommands({ config, logger: silentLogger });
    expect(fake.commands.get(fake.ids.guildId)!.map((c) => c.id)).toEqual(ids);
    expect(fake.requests.filter((r) => r.method === 'PUT').every((r) => r.auth === `Bot ${fake.token}`)).toBe(true);
  });

  it('registers globally without DISCORD_GUILD_ID', async () => {
    expect(await deployCommands({ config: loadConfig(env()), logger: silentLogger })).toEqual({ scope: 'global', names: NAMES });
    expect(fake.commands.get('global')).toHaveLength(NAMES.length);
  });

  it('names what is missing instead of calling Discord', async () => {
    const config = loadConfig({ DISCORD_API_URL: fake.apiUrl });
    await expect(deployCommands({ config, logger: silentLogger })).rejects.toThrow(AppError);
    await expect(deployCommands({ config, logger: silentLogger })).rejects.toThrow(/DISCORD_TOKEN and DISCORD_CLIENT_ID/);
  });

  it('runs as `npm run deploy-commands`', async () => {
    const root = join(import.meta.dirname, '..');
    const child = spawn(join(root, 'node_modules', '.bin', 'tsx'), ['src/bot/deploy.ts'], { cwd: root, env: { ...process.env, ...env({ DISCORD_GUILD_ID: fake.ids.guildId }), LOG_LEVEL: 'silent' } });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(out).toContain('Registered 9 commands');
  });
});
