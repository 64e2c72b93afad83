import {
  ApplicationCommandOptionType,
  MessageFlags,
  type CommandInteractionOption,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type ModalSubmitInteraction,
  type RepliableInteraction,
} from 'discord.js';
import { UserError } from '../errors.js';
import { performAction, performSubmit } from './actions.js';
import { runBoundary, type InteractionRecord } from './boundary.js';
import { createButtonCodec, type ButtonCodec } from './codec.js';
import { findCommand } from './commands.js';
import { invokerOf, isAdmin } from './permissions.js';
import { renderExpired, renderRefusal } from './render/notices.js';
import { inLanguage, languageFor } from './render/language.js';
import { deliver, showForm, type Delivery } from './reply.js';
import { recordAnswer } from './usage.js';
import { throttledProgress } from './progress.js';
import type { BotContext, Caller, CommandInput, ReplyView } from './types.js';

type WithOptions = ChatInputCommandInteraction | AutocompleteInteraction;

const who = (interaction: Interaction) => ({ userId: interaction.user.id, guildId: interaction.guildId });

/** A command's options by name, a subcommand's included (`/docs remove name:x` → { subcommand: 'remove', name: 'x' }); an attachment as its file name. */
function flatOptions(data: readonly CommandInteractionOption[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const o of data) {
    if (o.type === ApplicationCommandOptionType.Subcommand) Object.assign(out, { subcommand: o.name }, flatOptions(o.options ?? []));
    else out[o.name] = o.attachment ? o.attachment.name : o.value;
  }
  return out;
}

/** A module's per-subcommand setting (`adminOnly`, `defer`) for this interaction. */
function asked(setting: boolean | ((input: CommandInput) => boolean) | undefined, interaction: ChatInputCommandInteraction): boolean {
  return typeof setting === 'function' ? setting(interaction) : Boolean(setting);
}

function recordOf(interaction: WithOptions, kind: InteractionRecord['kind']): InteractionRecord {
  return {
    kind,
    command: interaction.commandName,
    options: flatOptions(interaction.options.data),
    userId: interaction.user.id,
    guildId: interaction.guildId,
  };
}

/**
 * Routes every interaction to its handler inside the error boundary: slash commands (admin
 * gate, then defer when the command is slow, then execute and reply), autocomplete (≤25
 * choices, an empty list on failure), buttons (decoded custom id, or “expired”; some open a
 * form) and submitted forms.
 *
 * @example
 * const dispatch = createDispatcher({ search, config, logger });
 * client.on(Events.InteractionCreate, dispatch);
 */
export function createDispatcher(ctx: BotContext, codec: ButtonCodec = createButtonCodec()): (interaction: Interaction) => Promise<void> {
  /** `deliver()` with the bot's own words in the configured language (or the asker's locale). */
  const send = (interaction: RepliableInteraction, view: ReplyView, how?: Delivery) =>
    deliver(interaction, inLanguage(view, languageFor(ctx.config.replyLanguage, interaction.locale)), codec, how);

  async function onCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    await runBoundary(
      ctx,
      recordOf(interaction, 'command'),
      async () => {
        const command = findCommand(interaction.commandName);
        if (!command) {
          // A command registered by another version of the bot and since removed.
          throw new UserError('BAD_INPUT', `bot/dispatcher: unknown command /${interaction.commandName}`, '这个命令已不存在，请用 /help 查看。/ Unknown command; see /help.');
        }
        const admin = isAdmin(invokerOf(interaction), ctx.config);
        if (asked(command.adminOnly, interaction) && !admin) {
          await send(interaction, renderRefusal(interaction.commandName));
          return { refused: true };
        }
        // Ephemeral because the slow commands (/reindex, /docs changes) answer their admin alone.
        const deferred = asked(command.defer, interaction);
        if (deferred) await interaction.deferReply({ flags: MessageFlags.Ephemeral });
        const started = performance.now();
        const progress = deferred ? throttledProgress((view) => send(interaction, view)) : null;
        const caller: Caller = { admin, userId: interaction.user.id, guild: interaction.guildId ?? 'dm', ...(progress ? { progress: progress.update } : {}) };
        const view = await command.execute(interaction, { ...ctx, caller });
        await progress?.settled();
        await send(interaction, recordAnswer(ctx, who(interaction), interaction.commandName, flatOptions(interaction.options.data), view, Math.round(performance.now() - started)));
        return { results: view.results };
      },
      (view) => send(interaction, view),
    );
  }

  async function onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    await runBoundary(
      ctx,
      recordOf(interaction, 'autocomplete'),
      async () => {
        const command = findCommand(interaction.commandName);
        const choices = command?.autocomplete ? command.autocomplete(interaction, ctx) : [];
        await interaction.respond(choices);
        return { results: choices.length };
      },
      async () => {
        if (!interaction.responded) await interaction.respond([]);
      },
    );
  }

  async function onButton(interaction: ButtonInteraction): Promise<void> {
    const action = codec.decode(interaction.customId);
    const record: InteractionRecord = {
      kind: 'button',
      command: action?.kind ?? 'expired',
      options: action ? { ...action } : { customId: interaction.customId },
      userId: interaction.user.id,
      guildId: interaction.guildId,
    };
    await runBoundary(
      ctx,
      record,
      async () => {
        if (!action) {
          await send(interaction, renderExpired());
          return { expired: true };
        }
        const outcome = await performAction(action, ctx, interaction.user.id);
        if ('modal' in outcome) {
          await showForm(interaction, outcome.modal, codec);
          return {};
        }
        const { view, how } = outcome;
        // Paging a shared answer would change it for everyone: only its asker moves it;
        // anyone else gets the page privately.
        const asker = interaction.message.interactionMetadata?.user.id;
        if (how === 'update' && asker !== undefined && asker !== interaction.user.id) {
          await send(interaction, { ...view, ephemeral: true });
        } else {
          await send(interaction, view, how);
        }
        return { results: view.results };
      },
      (view) => send(interaction, view),
    );
  }

  async function onModalSubmit(interaction: ModalSubmitInteraction): Promise<void> {
    const action = codec.decode(interaction.customId);
    const fields = Object.fromEntries(interaction.fields.fields.filter((f) => 'value' in f).map((f) => [f.customId, (f as { value: string }).value]));
    const record: InteractionRecord = {
      kind: 'modal',
      command: action?.kind ?? 'expired',
      options: { ...(action ?? { customId: interaction.customId }), ...fields },
      userId: interaction.user.id,
      guildId: interaction.guildId,
    };
    await runBoundary(
      ctx,
      record,
      async () => {
        if (!action) {
          await send(interaction, renderExpired());
          return { expired: true };
        }
        const started = performance.now();
        const view = performSubmit(action, fields, ctx, interaction.user.id);
        // A follow-up is a question of its own: recorded, and voted on, like /ask.
        const shown = action.kind === 'followup' ? recordAnswer(ctx, who(interaction), 'ask', { question: fields.question ?? '', after: action.query }, view, Math.round(performance.now() - started)) : view;
        await send(interaction, shown);
        return { results: view.results };
      },
      (view) => send(interaction, view),
    );
  }

  return async (interaction) => {
    if (interaction.isChatInputCommand()) await onCommand(interaction);
    else if (interaction.isModalSubmit()) await onModalSubmit(interaction);
    else if (interaction.isAutocomplete()) await onAutocomplete(interaction);
    else if (interaction.isButton()) await onButton(interaction);
    else ctx.logger.debug('interaction ignored', { type: interaction.type, userId: interaction.user.id });
  };
}
