import { PermissionFlagsBits, type Interaction } from 'discord.js';
import type { Config } from '../config.js';

/** Who pressed or typed something, as far as admin rights are concerned. */
export interface Invoker {
  userId: string;
  /** Where it happens: a guild id, or null in DMs. */
  guildId: string | null;
  /** The member's permissions in the channel, or null outside a guild (DMs). */
  permissions: { has(permission: bigint): boolean } | null;
  roleIds: string[];
}

/**
 * The invoker of a Discord interaction. Role ids come from the cached member when discord.js
 * has the guild, else from the raw member payload.
 *
 * @example
 * invokerOf(interaction); // { userId: '1234…', permissions: PermissionsBitField, roleIds: ['…'] }
 */
export function invokerOf(interaction: Interaction): Invoker {
  const member = interaction.member;
  const roleIds = !member ? [] : Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()];
  return { userId: interaction.user.id, guildId: interaction.guildId, permissions: interaction.memberPermissions, roleIds };
}

/**
 * Whether the invoker may run admin commands (those that change the corpus, and usage
 * memory in /stats): Manage Server in one of the home guilds (ADMIN_GUILD_IDS, by default
 * DISCORD_GUILD_ID), or listed in ADMIN_USER_IDS, or holding one of ADMIN_ROLE_IDS. The home
 * guild matters because anyone can invite the bot to a server they own: Manage Server there
 * must not let them change what the team reads. Checked on the server because
 * `default_member_permissions` only hides the command and server admins can override it.
 *
 * @example
 * isAdmin({ userId: '1', guildId: null, permissions: null, roleIds: [] }, config); // false unless '1' is in ADMIN_USER_IDS
 */
export function isAdmin(invoker: Invoker, config: Pick<Config, 'adminUserIds' | 'adminRoleIds' | 'adminGuildIds'>): boolean {
  const home = invoker.guildId !== null && config.adminGuildIds.includes(invoker.guildId);
  if (home && invoker.permissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  if (config.adminUserIds.includes(invoker.userId)) return true;
  return invoker.roleIds.some((id) => config.adminRoleIds.includes(id));
}
