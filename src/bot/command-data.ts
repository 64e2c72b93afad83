import {
  ApplicationIntegrationType,
  InteractionContextType,
  SlashCommandBuilder,
  type ApplicationCommandOptionBase,
  type SlashCommandStringOption,
  type SlashCommandSubcommandBuilder,
} from 'discord.js';

/** A name and description in the two locales the bot speaks. */
export interface Localized {
  name: string;
  zh: { name: string; description: string };
  en: { description: string };
}

/**
 * A slash command usable in guilds and in DMs with the bot, named and described in zh-CN and
 * en-US. The default description (shown to every other locale) carries both languages.
 *
 * @example
 * slashCommand({ name: 'stats', zh: { name: '统计', description: '索引统计' }, en: { description: 'Index statistics' } });
 */
export function slashCommand(l: Localized): SlashCommandBuilder {
  return new SlashCommandBuilder()
    .setName(l.name)
    .setNameLocalizations({ 'zh-CN': l.zh.name, 'en-US': l.name })
    .setDescription(bilingual(l))
    .setDescriptionLocalizations({ 'zh-CN': l.zh.description, 'en-US': l.en.description })
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);
}

/**
 * Configures a string option the same way: localized, with a length cap so a button can
 * usually carry the option inside its custom id.
 *
 * @example
 * builder.addStringOption((o) => stringOption(o, { name: 'zone', zh: { name: '地区', description: '地区' }, en: { description: 'Zone' } }, { maxLength: 50 }));
 */
export function stringOption(
  option: SlashCommandStringOption,
  l: Localized,
  settings: { required?: boolean; maxLength: number; autocomplete?: boolean },
): SlashCommandStringOption {
  return option
    .setName(l.name)
    .setNameLocalizations({ 'zh-CN': l.zh.name, 'en-US': l.name })
    .setDescription(bilingual(l))
    .setDescriptionLocalizations({ 'zh-CN': l.zh.description, 'en-US': l.en.description })
    .setRequired(settings.required ?? false)
    .setMaxLength(settings.maxLength)
    .setAutocomplete(settings.autocomplete ?? false);
}

/** Discord caps descriptions at 100 characters; fall back to Chinese alone when both do not fit. */
function bilingual(l: Localized): string {
  const both = `${l.zh.description} / ${l.en.description}`;
  return both.length <= 100 ? both : l.zh.description;
}

/**
 * A subcommand (`/docs add`), localized like a command.
 *
 * @example
 * builder.addSubcommand((s) => subcommand(s, { name: 'list', zh: { name: '列表', description: '列出资料' }, en: { description: 'List documents' } }));
 */
export function subcommand(builder: SlashCommandSubcommandBuilder, l: Localized): SlashCommandSubcommandBuilder {
  return builder
    .setName(l.name)
    .setNameLocalizations({ 'zh-CN': l.zh.name, 'en-US': l.name })
    .setDescription(bilingual(l))
    .setDescriptionLocalizations({ 'zh-CN': l.zh.description, 'en-US': l.en.description });
}

/**
 * Names and describes any option (attachment, boolean, integer) in both locales.
 *
 * @example
 * s.addBooleanOption((o) => localizedOption(o, { name: 'replace', zh: { name: '替换', description: '替换同名文件' }, en: { description: 'Replace a file of that name' } }));
 */
export function localizedOption<T extends ApplicationCommandOptionBase>(option: T, l: Localized, required = false): T {
  return option
    .setName(l.name)
    .setNameLocalizations({ 'zh-CN': l.zh.name, 'en-US': l.name })
    .setDescription(bilingual(l))
    .setDescriptionLocalizations({ 'zh-CN': l.zh.description, 'en-US': l.en.description })
    .setRequired(required);
}
