import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { performAction, performSubmit } from './actions.js';
import { runBoundary, type InteractionRecord } from './boundary.js';
import { COMMANDS } from './commands.js';
import { consoleInput, isBlank, parseConsoleLine } from './console-parse.js';
import { throttledProgress } from './progress.js';
import { recordAnswer } from './usage.js';
import { fitEmbeds } from './render/fit.js';
import { inLanguage, languageFor } from './render/language.js';
import { viewToPlain, type PlainStyle } from './render/plain.js';
import type { BotContext, ButtonAction, ButtonView, ReplyView } from './types.js';

export interface ConsoleOptions {
  ctx: BotContext;
  input: Readable;
  output: Writable;
  style: PlainStyle;
  /** Show a prompt and echo (a person at a terminal) or just answer line by line (a pipe). */
  interactive: boolean;
}

/** How a button is offered in the console: the command that does the same. */
function hint(button: ButtonView): string {
  if (button.nav) return `/${button.nav}`;
  if (button.action.kind === 'followup') return '+…';
  return button.action.kind === 'source' ? `/source ${button.action.passage}` : '';
}

const CONSOLE_USER = 'console';

/** Writes a file the view carries (a chart) under the system's temp folder; returns its path. */
function saveFile(file: { name: string; data: Buffer }): string {
  const dir = join(tmpdir(), 'zone-docs-charts');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${file.name}`);
  writeFileSync(path, file.data);
  return path;
}
const here = { userId: CONSOLE_USER, guildId: null };

/**
 * The local console: the same slash commands, renderers and error boundary as the bot,
 * answered as text. Paging buttons become `/prev` and `/next`, 原文 buttons the matching
 * `/source` command, 追问 a line starting with `+`. The person at the console is the operator, so admin commands run.
 * Resolves at the end of input (EOF, `/quit`, Ctrl+C on a terminal).
 *
 * @example
 * await runConsole({ ctx, input: process.stdin, output: process.stdout, style: BRACKETS, interactive: false });
 */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { ctx, output, style, interactive } = options;
  const lines = createInterface({ input: options.input, output: interactive ? output : undefined, terminal: interactive, crlfDelay: Infinity });
  let buttons: ButtonView[] = [];
  /** The question the last /ask answered, for `+` follow-ups. */
  let followUp: ButtonAction | null = null;

  const show = (view: ReplyView) => {
    // No Discord locale here: `auto` answers in both languages.
    const shown = inLanguage(view, languageFor(ctx.config.replyLanguage));
    output.write(viewToPlain({ ...shown, embeds: fitEmbeds(shown.embeds) }, style, hint) + '\n\n');
    // A terminal shows no pictures: a chart goes to a file, and the console says where.
    for (const file of view.files ?? []) output.write(`图表 / Chart: ${saveFile(file)}\n\n`);
    const paging = view.buttons.flat().filter((b) => b.nav);
    // A view without paging (an error, help) keeps the previous one's /prev and /next alive.
    if (paging.length) buttons = paging;
    followUp = view.buttons.flat().find((b) => b.action.kind === 'followup')?.action ?? followUp;
  };

  if (interactive) {
    output.write('输入 /help 查看命令，/quit 退出。/ Type /help for commands, /quit to leave.\n');
    lines.setPrompt('> ');
    lines.prompt();
  }
  // On a terminal Ctrl+C reaches readline, not the process: treat it as the end of input.
  lines.on('SIGINT', () => lines.close());
  for await (const line of lines) {
    if (isBlank(line)) {
      if (interactive) lines.prompt();
      continue;
    }
    const record: InteractionRecord = { kind: 'command', command: '', options: { line }, userId: CONSOLE_USER };
    let quit = false;
    await runBoundary(
      ctx,
      record,
      async () => {
        const parsed = parseConsoleLine(line, COMMANDS);
        if (parsed.kind === 'quit') {
          quit = true;
          return {};
        }
        if (parsed.kind === 'page') {
          record.kind = 'button';
          record.command = parsed.direction;
          const button = buttons.find((b) => b.nav === parsed.direction && !b.disabled);
          if (!button) {
            output.write(parsed.direction === 'next' ? '已经是最后一页。/ No next page.\n\n' : '已经是第一页。/ No previous page.\n\n');
            return {};
          }
          const outcome = await performAction(button.action, ctx, CONSOLE_USER);
          if ('view' in outcome) show(outcome.view);
          return { results: 'view' in outcome ? outcome.view.results : 0 };
        }
        if (parsed.kind === 'followup') {
          record.kind = 'modal';
          record.command = 'followup';
          record.options = { question: parsed.text };
          if (!followUp) {
            output.write('先提一个问题，再用 + 追问。/ Ask a question first, then follow up with +.\n\n');
            return {};
          }
          const started = performance.now();
          const view = performSubmit(followUp, { question: parsed.text }, ctx, CONSOLE_USER);
          show(recordAnswer(ctx, here, 'ask', { question: parsed.text, after: followUp.kind === 'followup' ? followUp.query : '' }, view, Math.round(performance.now() - started), false));
          return { results: view.results };
        }
        record.command = parsed.command.data.name;
        record.options = parsed.options;
        const started = performance.now();
        const progress = throttledProgress(show);
        // The person at the console is the operator: an admin.
        const caller = { admin: true, userId: CONSOLE_USER, guild: CONSOLE_USER, progress: progress.update };
        const view = await parsed.command.execute(consoleInput(parsed.options, parsed.subcommand ?? null), { ...ctx, caller });
        await progress.settled();
        show(recordAnswer(ctx, here, parsed.command.data.name, parsed.options, view, Math.round(performance.now() - started), false));
        return { results: view.results };
      },
      async (view) => show(view),
    );
    if (quit) break;
    if (interactive) lines.prompt();
  }
  lines.close();
}
