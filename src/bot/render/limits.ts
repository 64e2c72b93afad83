/**
 * Discord's message limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits).
 * Lengths are counted in UTF-16 code units here, which is never less than Discord's count, so
 * staying under them is always safe.
 */
export const LIMITS = {
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  footer: 2048,
  authorName: 256,
  /** Sum of title, description, field names and values, footer and author over all embeds. */
  embedTotal: 6000,
  embeds: 10,
  content: 2000,
  buttonLabel: 80,
  buttonsPerRow: 5,
  rows: 5,
  customId: 100,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  modalTitle: 45,
  modalLabel: 45,
  placeholder: 100,
} as const;

/** Results per page of /ask and /figure: five keeps each page readable on a phone. */
export const PAGE_SIZE = 5;

/** Colours of the embeds: one per kind of answer, so a glance tells them apart. */
export const COLORS = {
  ask: 0x2f80ed,
  figure: 0x27ae60,
  zone: 0x8e44ad,
  source: 0x7f8c8d,
  stats: 0x34495e,
  notice: 0xf2c94c,
  error: 0xeb5757,
} as const;
