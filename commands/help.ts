import { slashCommand } from '../src/bot/command-data.js';
import { renderHelp } from '../src/bot/render/help.js';
import type { CommandInput, ReplyView } from '../src/bot/types.js';

/** `/help` — what each command does, with examples. */
export const data = slashCommand({
  name: 'help',
  zh: { name: '帮助', description: '每个命令的用法和例子' },
  en: { description: 'What each command does, with examples' },
});

/**
 * The help text; needs no query.
 *
 * @example
 * execute({ options }); // /help → one field per command, Chinese then English
 */
export function execute(_interaction: CommandInput): ReplyView {
  return renderHelp();
}
