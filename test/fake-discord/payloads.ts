/**
 * Gateway and REST payloads shaped like Discord's, with just the fields discord.js 14 reads
 * (checked against node_modules/discord.js/src/structures/*: BaseInteraction reads
 * `entitlements` and `authorizing_integration_owners` unconditionally, Message needs `id`
 * and `channel_id`, READY needs `user`, `guilds`, `application {id, flags}`).
 */
import type { APIEmbed } from 'discord.js';

const DISCORD_EPOCH = 1420070400000n;
let increment = 0n;

/**
 * A fresh snowflake (timestamp in the high bits), so discord.js computes sane creation times.
 *
 * @example
 * snowflake(); // '1312345678901234567'
 */
export function snowflake(): string {
  increment = (increment + 1n) % 4096n;
  return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | increment).toString();
}

export interface FakeUser {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: string;
  avatar: string | null;
  bot?: boolean;
}

/**
 * A user object.
 *
 * @example
 * user('1', 'tester'); // { id: '1', username: 'tester', global_name: 'tester', discriminator: '0', avatar: null }
 */
export const user = (id: string, username: string, bot = false): FakeUser => ({ id, username, global_name: username, discriminator: '0', avatar: null, ...(bot ? { bot } : {}) });

export interface FakeIds {
  applicationId: string;
  guildId: string;
  channelId: string;
  dmChannelId: string;
  adminRoleId: string;
  bot: FakeUser;
}

/**
 * A guild as GUILD_CREATE sends it: one text channel, @everyone and an admin role.
 *
 * @example
 * guildCreate(ids).channels; // [{ id: ids.channelId, type: 0, name: 'general', … }]
 */
export function guildCreate(ids: FakeIds): Record<string, unknown> {
  const role = (id: string, name: string, position: number) => ({ id, name, permissions: '0', position, color: 0, colors: { primary_color: 0, secondary_color: null, tertiary_color: null }, hoist: false, managed: false, mentionable: false, icon: null, unicode_emoji: null, flags: 0 });
  return {
    id: ids.guildId,
    name: '开发区资料测试服务器',
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: ids.bot.id,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [role(ids.guildId, '@everyone', 0), role(ids.adminRoleId, 'bot-admins', 1)],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: ids.channelId,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    preferred_locale: 'zh-CN',
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    joined_at: new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: 2,
    members: [],
    channels: [{ id: ids.channelId, type: 0, guild_id: ids.guildId, name: 'general', position: 0, permission_overwrites: [], nsfw: false, parent_id: null, topic: null, last_message_id: null, rate_limit_per_user: 0 }],
    threads: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

/**
 * READY, with the one guild still unavailable so discord.js waits for its GUILD_CREATE.
 *
 * @example
 * ready(ids, 'session', 'ws://127.0.0.1:1/gateway').application; // { id: ids.applicationId, flags: 0 }
 */
export function ready(ids: FakeIds, sessionId: string, resumeUrl: string): Record<string, unknown> {
  return {
    v: 10,
    user: { ...ids.bot, verified: true, mfa_enabled: false, flags: 0 },
    guilds: [{ id: ids.guildId, unavailable: true }],
    session_id: sessionId,
    resume_gateway_url: resumeUrl,
    shard: [0, 1],
    application: { id: ids.applicationId, flags: 0 },
    private_channels: [],
    relationships: [],
    presences: [],
    geo_ordered_rtc_regions: [],
    guild_join_requests: [],
  };
}

/** Who triggers an interaction, and where. */
export interface Actor {
  userId?: string;
  username?: string;
  /** In the guild (default) or in a DM with the bot. */
  where?: 'guild' | 'dm';
  /** Another guild the bot was invited to (default: the fake's own guild). */
  guildId?: string;
  /** The member's permission bits in the channel (guild only). Default: none. */
  permissions?: bigint;
  roles?: string[];
  locale?: string;
}

export const DEFAULT_USER_ID = '200000000000000001';

/**
 * The fields every interaction shares: identity, place, permissions, entitlements.
 *
 * @example
 * interactionBase(ids, { where: 'dm' }, '1', 't').context; // 1
 */
export function interactionBase(ids: FakeIds, actor: Actor, id: string, token: string): Record<string, unknown> {
  const u = user(actor.userId ?? DEFAULT_USER_ID, actor.username ?? 'tester');
  const common = {
    id,
    token,
    application_id: ids.applicationId,
    version: 1,
    locale: actor.locale ?? 'zh-CN',
    app_permissions: '562949953421311',
    entitlements: [],
    attachment_size_limit: 10_485_760,
  };
  if (actor.where === 'dm') {
    return {
      ...common,
      user: u,
      channel: { id: ids.dmChannelId, type: 1, recipients: [u], last_message_id: null, flags: 0 },
      channel_id: ids.dmChannelId,
      context: 1,
      authorizing_integration_owners: { '0': ids.guildId },
    };
  }
  const guildId = actor.guildId ?? ids.guildId;
  return {
    ...common,
    guild_id: guildId,
    guild_locale: 'zh-CN',
    guild: { id: guildId, locale: 'zh-CN', features: [] },
    channel: { id: ids.channelId, type: 0, guild_id: guildId, name: 'general', position: 0, permission_overwrites: [], nsfw: false, parent_id: null, flags: 0 },
    channel_id: ids.channelId,
    member: {
      user: u,
      roles: actor.roles ?? [],
      permissions: String(actor.permissions ?? 0n),
      joined_at: new Date().toISOString(),
      premium_since: null,
      nick: null,
      avatar: null,
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      communication_disabled_until: null,
    },
    context: 0,
    authorizing_integration_owners: { '0': guildId },
  };
}

/** A message as the API returns it after the bot created or edited it. */
export interface FakeMessage {
  id: string;
  channel_id: string;
  type: number;
  content: string;
  embeds: APIEmbed[];
  components: unknown[];
  flags: number;
  author: FakeUser;
  webhook_id: string;
  application_id: string;
  timestamp: string;
  edited_timestamp: string | null;
  tts: boolean;
  mention_everyone: boolean;
  mentions: unknown[];
  mention_roles: string[];
  attachments: unknown[];
  pinned: boolean;
  /** On an interaction's reply: who ran the command (Discord's `interaction_metadata`). */
  interaction_metadata?: { id: string; type: number; user: FakeUser; authorizing_integration_owners: Record<string, string> };
}

/**
 * Applies a message body the bot sent (reply, edit, follow-up) to a stored message, the way
 * Discord does: given fields replace, absent fields stay.
 *
 * @example
 * applyMessageBody(ids, channelId, undefined, { embeds: [e] }, 20).embeds; // [e]
 */
export function applyMessageBody(ids: FakeIds, channelId: string, previous: FakeMessage | undefined, body: Record<string, unknown>, type: number): FakeMessage {
  const base: FakeMessage = previous ?? {
    id: snowflake(),
    channel_id: channelId,
    type,
    content: '',
    embeds: [],
    components: [],
    flags: 0,
    author: ids.bot,
    webhook_id: ids.applicationId,
    application_id: ids.applicationId,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    pinned: false,
  };
  return {
    ...base,
    ...(typeof body.content === 'string' ? { content: body.content } : {}),
    ...(Array.isArray(body.embeds) ? { embeds: body.embeds as APIEmbed[] } : {}),
    ...(Array.isArray(body.components) ? { components: body.components } : {}),
    ...(Array.isArray(body.attachments) ? { attachments: body.attachments } : {}),
    ...(previous === undefined && typeof body.flags === 'number' ? { flags: body.flags } : {}),
    edited_timestamp: previous ? new Date().toISOString() : null,
  };
}
