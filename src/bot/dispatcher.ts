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
import { createLimits, renderBusy, renderSlowDown, type Limits, type Ticket } from '../limits/index.js';
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
import type { BotContext, ButtonAction, Caller, CommandInput, ReplyView } from './types.js';

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

/** The log record of a button press or a form: the decoded action (or the raw id when it expired) and the fields. */
function componentRecord(kind: 'button' | 'modal', interaction: ButtonInteraction | ModalSubmitInteraction, action: ButtonAction | null, fields: Record<string, string>): InteractionRecord {
  return {
    kind,
    command: action?.kind ?? 'expired',
    options: { ...(action ?? { customId: interaction.customId }), ...fields },
    userId: interaction.user.id,
    guildId: interaction.guildId,
    interactionId: interaction.id,
  };
}

function recordOf(interaction: WithOptions, kind: InteractionRecord['kind']): InteractionRecord {
  return {
    kind,
    command: interaction.commandName,
    options: flatOptions(interaction.options.data),
    userId: interaction.user.id,
    guildId: interaction.guildId,
    interactionId: interaction.id,
  };
}

/**
 * Routes every interaction to its handler inside the error boundary: slash commands (admin
 * gate, rate limit, a place in the work queue, defer when the command is slow or had to
 * wait, then execute and reply), autocomplete (≤25 choices, an empty list on failure or
 * overload), buttons (decoded custom id, or “expired”; some open a form) and submitted forms
 * (a 追问 is limited and queued like /ask).
 *
 * @example
 * const dispatch = createDispatcher({ search, config, logger });
 * client.on(Events.InteractionCreate, dispatch);
 */
export function createDispatcher(ctx: BotContext, codec: ButtonCodec = createButtonCodec(), limits: Limits = createLimits(ctx.config)): (interaction: Interaction) => Promise<void> {
  /** `deliver()` with the bot's own words in the configured language (or the asker's locale). */
  const send = (interaction: RepliableInteraction, view: ReplyView, how?: Delivery) =>
    deliver(interaction, inLanguage(view, languageFor(ctx.config.replyLanguage, interaction.locale)), codec, how);

  /**
   * The rate limit, then a place in the work queue; the refusal is already sent when it
   * returns `refused` (the outcome to log). A queued command is deferred before it waits:
   * Discord drops an interaction unanswered after 3 s, and the wait may be longer, so a burst
   * makes answers slower instead of failed. The deferral is public unless the command's own
   * is ephemeral, because answers are public (an error after it shows to the channel too).
   */
  async function admit(interaction: ChatInputCommandInteraction | ModalSubmitInteraction, name: string, ephemeralDefer: boolean): Promise<{ refused: Record<string, unknown> } | { ticket: Ticket }> {
    const cost = limits.cost(name);
    const taken = limits.rate.take(interaction.user.id, cost);
    if (!taken.ok) {
      const retryAfterS = Math.max(1, Math.ceil(taken.retryAfterMs / 1000));
      // Not an answer: nothing ran, so nothing is recorded in usage memory.
      await send(interaction, renderSlowDown(retryAfterS, languageFor(ctx.config.replyLanguage, interaction.locale)));
      return { refused: { refused: true, reason: 'rate-limit', retryAfterS } };
    }
    const ticket = limits.queue.enter();
    if (!ticket) {
      // It did not run, so it should not use up the user's allowance either.
      limits.rate.refund(interaction.user.id, cost);
      await send(interaction, renderBusy());
      return { refused: { refused: true, reason: 'busy' } };
    }
    try {
      if (ticket.queued || ephemeralDefer) await interaction.deferReply(ephemeralDefer ? { flags: MessageFlags.Ephemeral } : {});
    } catch (error) {
      ticket.release();
      throw error;
    }
    return { ticket };
  }

  /** Runs `work` once `ticket`'s turn comes, freeing the slot however it ends; adds how long it waited. */
  async function inTurn(ticket: Ticket, work: () => Promise<Record<string, unknown>>): Promise<Record<string, unknown>> {
    const queuedAt = performance.now();
    try {
      await ticket.ready;
      const waitedMs = Math.round(performance.now() - queuedAt);
      return { ...(await work()), ...(ticket.queued ? { queuedMs: waitedMs } : {}) };
    } finally {
      ticket.release();
    }
  }

  async function onCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    await runBoundary(
      ctx,
      recordOf(interaction, 'command'),
      async (logger) => {
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
        const admission = await admit(interaction, interaction.commandName, deferred);
        if ('refused' in admission) return admission.refused;
        return inTurn(admission.ticket, async () => {
          const started = performance.now();
          const progress = deferred ? throttledProgress((view) => send(interaction, view)) : null;
          const caller: Caller = { admin, userId: interaction.user.id, guild: interaction.guildId ?? 'dm', ...(progress ? { progress: progress.update } : {}) };
          const view = await command.execute(interaction, { ...ctx, logger, caller });
          await progress?.settled();
          await send(interaction, recordAnswer({ ...ctx, logger }, who(interaction), interaction.commandName, flatOptions(interaction.options.data), view, Math.round(performance.now() - started)));
          return { results: view.results };
        });
      },
      (view) => send(interaction, view),
    );
  }

  async function onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    await runBoundary(
      ctx,
      recordOf(interaction, 'autocomplete'),
      async (logger) => {
        // Never queued: suggestions that arrive after the user typed on are worthless, and
        // while commands wait for a slot the bot has no time to spare for them.
        if (limits.queue.waiting > 0) {
          await interaction.respond([]);
          return { results: 0, overloaded: true };
        }
        const command = findCommand(interaction.commandName);
        const choices = command?.autocomplete ? command.autocomplete(interaction, { ...ctx, logger }) : [];
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
    const record = componentRecord('button', interaction, action, {});
    await runBoundary(
      ctx,
      record,
      async (logger) => {
        if (!action) {
          await send(interaction, renderExpired());
          return { expired: true };
        }
        const outcome = await performAction(action, { ...ctx, logger }, interaction.user.id);
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
    const record = componentRecord('modal', interaction, action, fields);
    await runBoundary(
      ctx,
      record,
      async (logger) => {
        if (!action) {
          await send(interaction, renderExpired());
          return { expired: true };
        }
        const run = async () => {
          const started = performance.now();
          const view = performSubmit(action, fields, { ...ctx, logger }, interaction.user.id);
          // A follow-up is a question of its own: recorded, and voted on, like /ask.
          const shown = action.kind === 'followup' ? recordAnswer({ ...ctx, logger }, who(interaction), 'ask', { question: fields.question ?? '', after: action.query }, view, Math.round(performance.now() - started)) : view;
          await send(interaction, shown);
          return { results: view.results };
        };
        // A 追问 is a question: limited and queued like /ask. Other forms (a 👎 comment) are not.
        if (limits.cost(action.kind) === 0) return run();
        const admission = await admit(interaction, action.kind, false);
        if ('refused' in admission) return admission.refused;
        return inTurn(admission.ticket, run);
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
