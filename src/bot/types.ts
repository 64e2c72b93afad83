import type { APIEmbed, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { QueryService } from '../search/service.js';
import type { UsageStore } from '../usage/index.js';

/**
 * What every command and button handler receives. Passed in, never imported, so tests can
 * start several bots with different services in one process.
 */
export interface BotContext {
  search: QueryService;
  config: Config;
  logger: Logger;
  /** Usage memory (questions, votes); absent or disabled, nothing is recorded. */
  usage?: UsageStore;
  /** Who runs the current command, set by the transport for the commands that care. */
  caller?: Caller;
}

/** Who runs a command: for admin-only parts and the audit trail (a user id, a guild id or `dm`/`console`). */
export interface Caller {
  admin: boolean;
  userId: string;
  guild: string;
  /**
   * Shows an interim view of slow work (a deferred reply edited in place); throttled by the
   * transport, so commands may call it as often as they like.
   */
  progress?: (view: ReplyView) => void;
}

/**
 * What a button does when pressed. Renderers attach actions to buttons; each transport turns
 * them into something clickable (a Discord custom id, a console hint).
 */
export type ButtonAction =
  | { kind: 'ask'; query: string; page: number }
  /** The 图表 toggle: `false` hides the chart the answer would show, `true` asks for it (and waits for it). */
  | { kind: 'figure'; query: string; zone: string | null; year: string | null; page: number; chart?: boolean }
  /** `open: 'new'` answers with a new ephemeral message; `'here'` replaces the current one. */
  | { kind: 'source'; passage: string; open: 'new' | 'here' }
  /** 追问: opens a form for a question that follows up `query` (its place, year and topic). */
  | { kind: 'followup'; query: string }
  /** 👍 / 👎 on a recorded answer (its usage id); 👎 also opens a form for a comment. */
  | { kind: 'vote'; answer: number; vote: 'up' | 'down' };

/**
 * A form (a Discord modal) a button opens. Its `action` comes back with the submitted fields;
 * the console asks the same with a typed line instead.
 */
export interface ModalView {
  title: string;
  action: ButtonAction;
  fields: { id: string; label: string; placeholder?: string; style: 'short' | 'paragraph'; required: boolean; maxLength: number }[];
}

export interface ButtonView {
  label: string;
  action: ButtonAction;
  style: 'primary' | 'secondary';
  disabled?: boolean;
  /** Paging buttons say which way they go, so the console can offer /prev and /next. */
  nav?: 'prev' | 'next';
}

/**
 * A transport-neutral answer: the embeds and buttons a renderer produced. The Discord reply
 * function and the console both consume exactly this, so they show the same thing.
 */
export interface ReplyView {
  content?: string;
  embeds: APIEmbed[];
  /** Rows of buttons (at most 5 rows of 5). */
  buttons: ButtonView[][];
  /** Only the person who asked sees it (errors, refusals, 原文, help). */
  ephemeral: boolean;
  /** Files sent with the message (a chart's PNG), referenced from embeds as `attachment://<name>`. */
  files?: { name: string; data: Buffer }[];
  /** How many results the view stands for, for the interaction log. */
  results?: number;
  /**
   * What usage memory keeps of an answer (set by the renderers of questions): its best
   * citation, whether the documents did not answer it, and whether it gets 👍 / 👎.
   */
  usage?: { top: string | null; unanswered: boolean; votable: boolean };
}

/** One autocomplete choice as Discord accepts it: both strings 1–100 characters. */
export interface Choice {
  name: string;
  value: string;
}

/** An attached file as a command sees it: where to fetch it and what the sender claims. */
export interface AttachmentInput {
  url: string;
  name: string;
  size: number;
}

/** The part of a slash-command interaction a command reads: its options and subcommand. */
export interface CommandInput {
  options: {
    getString(name: string, required: true): string;
    getString(name: string, required?: boolean): string | null;
    getBoolean(name: string, required?: boolean): boolean | null;
    getInteger(name: string, required?: boolean): number | null;
    getAttachment(name: string, required?: boolean): AttachmentInput | null;
    getSubcommand(required: true): string;
    getSubcommand(required?: boolean): string | null;
  };
}

/** The part of an autocomplete interaction a command reads: the option being typed. */
export interface AutocompleteInput {
  options: {
    getFocused(getFull: true): { name: string; value: string };
  };
}

/**
 * One module in `commands/`. A command reads its options, calls one function of the query
 * service and one renderer; the dispatcher does everything else (defer, permission gate,
 * reply, errors, logging).
 */
export interface CommandModule {
  data: { name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  /** Refused (ephemerally, before anything runs) unless the invoker is an admin; per subcommand when a function. */
  adminOnly?: boolean | ((interaction: CommandInput) => boolean);
  /** Deferred before `execute` because it may take longer than Discord's 3 s; per subcommand when a function. */
  defer?: boolean | ((interaction: CommandInput) => boolean);
  execute(interaction: CommandInput, ctx: BotContext): ReplyView | Promise<ReplyView>;
  autocomplete?(interaction: AutocompleteInput, ctx: BotContext): Choice[];
}
