import {
  ActionRowBuilder,
  AttachmentBuilder,
  ButtonBuilder,
  ButtonStyle,
  LabelBuilder,
  MessageFlags,
  ModalBuilder,
  TextInputBuilder,
  TextInputStyle,
  type APIEmbed,
  type MessageComponentInteraction,
  type MessageMentionOptions,
  type RepliableInteraction,
} from 'discord.js';
import type { ButtonCodec } from './codec.js';
import { fitEmbeds } from './render/fit.js';
import { LIMITS } from './render/limits.js';
import { truncate } from './render/text.js';
import type { ModalView, ReplyView } from './types.js';

/**
 * Nothing the bot sends may ping anyone: document text can contain `@everyone` or `<@id>`,
 * and escaping is not enough on its own for role and user mentions. An empty `parse` list
 * with no explicit ids disables every kind of mention.
 */
export const NO_MENTIONS: MessageMentionOptions = { parse: [] };

export interface MessageParts {
  content?: string;
  embeds: APIEmbed[];
  files: AttachmentBuilder[];
  /** Which of the message's earlier attachments to keep: none (an edit without a chart drops the old one). */
  attachments: [];
  components: ActionRowBuilder<ButtonBuilder>[];
  allowedMentions: MessageMentionOptions;
}

/**
 * A view as the parts of a Discord message: embeds fitted to Discord's limits, buttons with
 * encoded custom ids, and no mentions.
 *
 * @example
 * toMessageParts(renderHelp(), codec).allowedMentions; // { parse: [] }
 */
export function toMessageParts(view: ReplyView, codec: ButtonCodec): MessageParts {
  const components = view.buttons
    .filter((row) => row.length > 0)
    .slice(0, LIMITS.rows)
    .map((row) =>
      new ActionRowBuilder<ButtonBuilder>().addComponents(
        row.slice(0, LIMITS.buttonsPerRow).map((b) =>
          new ButtonBuilder()
            .setCustomId(codec.encode(b.action))
            .setLabel(truncate(b.label, LIMITS.buttonLabel))
            .setStyle(b.style === 'primary' ? ButtonStyle.Primary : ButtonStyle.Secondary)
            .setDisabled(Boolean(b.disabled)),
        ),
      ),
    );
  return {
    ...(view.content ? { content: truncate(view.content, LIMITS.content) } : {}),
    embeds: fitEmbeds(view.embeds),
    files: (view.files ?? []).map((f) => new AttachmentBuilder(f.data, { name: f.name })),
    attachments: [],
    components,
    allowedMentions: NO_MENTIONS,
  };
}

/**
 * `auto` answers the interaction in whatever way is still open: the first reply, the edit of
 * a deferred reply, or a follow-up. `update` replaces the message a button sits on.
 */
export type Delivery = 'auto' | 'update';

/**
 * The one function through which every message to Discord goes (reply, editReply, followUp,
 * update), so every message carries `allowedMentions: { parse: [] }` and the ephemeral flag
 * by construction.
 *
 * @example
 * await deliver(interaction, renderFigure(answer, at), codec);
 * await deliver(buttonInteraction, renderAsk(answer, { query, page: 1 }), codec, 'update');
 */
export async function deliver(interaction: RepliableInteraction, view: ReplyView, codec: ButtonCodec, how: Delivery = 'auto'): Promise<void> {
  const parts = toMessageParts(view, codec);
  // Ephemerality is fixed when a message is created; edits and updates must not send the flag.
  const flags = view.ephemeral ? MessageFlags.Ephemeral : undefined;
  if (how === 'update' && interaction.isMessageComponent() && !interaction.deferred && !interaction.replied) {
    await interaction.update(parts);
  } else if (!interaction.deferred && !interaction.replied) {
    await interaction.reply({ ...parts, flags });
  } else if (interaction.deferred && !interaction.replied) {
    await interaction.editReply(parts);
  } else {
    await interaction.followUp({ ...parts, flags });
  }
}

/**
 * A form as a Discord modal: its action encoded in the custom id (as a button's is), one
 * labelled text input per field.
 *
 * @example
 * toModal(followUpModal('梅河口离长春有多远？'), codec).toJSON().title; // '追问 / Follow-up question'
 */
export function toModal(modal: ModalView, codec: ButtonCodec): ModalBuilder {
  return new ModalBuilder()
    .setCustomId(codec.encode(modal.action))
    .setTitle(truncate(modal.title, LIMITS.modalTitle))
    .addLabelComponents(
      modal.fields.map((field) =>
        new LabelBuilder().setLabel(truncate(field.label, LIMITS.modalLabel)).setTextInputComponent(
          new TextInputBuilder()
            .setCustomId(field.id)
            .setStyle(field.style === 'short' ? TextInputStyle.Short : TextInputStyle.Paragraph)
            .setRequired(field.required)
            .setMaxLength(field.maxLength)
            .setPlaceholder(truncate(field.placeholder ?? '', LIMITS.placeholder) || ' '),
        ),
      ),
    );
}

/**
 * Opens a form in answer to a button: the one interaction reply that is not a message, so
 * it bypasses `deliver()` (a modal carries no text that could mention anyone).
 *
 * @example
 * await showForm(buttonInteraction, followUpModal(query), codec);
 */
export async function showForm(interaction: MessageComponentInteraction, modal: ModalView, codec: ButtonCodec): Promise<void> {
  await interaction.showModal(toModal(modal, codec));
}
