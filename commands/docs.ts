import { localizedOption, slashCommand, stringOption, subcommand } from '../src/bot/command-data.js';
import { renderDocChange, renderDocList } from '../src/bot/render/docs.js';
import { renderProgress } from '../src/bot/render/progress.js';
import type { BotContext, Choice, CommandInput, ReplyView, AutocompleteInput } from '../src/bot/types.js';
import { addUpload, catalog, removeUpload, restoreUpload, type LibraryContext } from '../src/library/index.js';

/** `/docs add|remove|restore|list` — admins manage the documents from Discord; everyone may list them. */
export const data = slashCommand({
  name: 'docs',
  zh: { name: '资料', description: '资料库：添加、删除、恢复、列出文档' },
  en: { description: 'Documents: add, remove, restore, list' },
})
  .addSubcommand((s) =>
    subcommand(s, { name: 'add', zh: { name: '添加', description: '管理员：上传一份文档（txt、md、docx、pdf）' }, en: { description: 'Admins: upload a document (txt, md, docx, pdf)' } })
      .addAttachmentOption((o) => localizedOption(o, { name: 'file', zh: { name: '文件', description: '要添加的文件' }, en: { description: 'The file to add' } }, true))
      .addStringOption((o) => stringOption(o, { name: 'name', zh: { name: '文件名', description: '保存为（可选）' }, en: { description: 'Save as (optional)' } }, { maxLength: 120 }))
      .addBooleanOption((o) => localizedOption(o, { name: 'replace', zh: { name: '替换', description: '替换同名文件' }, en: { description: 'Replace a document of that name' } })),
  )
  .addSubcommand((s) =>
    subcommand(s, { name: 'remove', zh: { name: '删除', description: '管理员：删除一份文档（可恢复）' }, en: { description: 'Admins: remove a document (recoverable)' } }).addStringOption((o) =>
      stringOption(o, { name: 'name', zh: { name: '文件名', description: '要删除的文件' }, en: { description: 'The document to remove' } }, { required: true, maxLength: 120, autocomplete: true }),
    ),
  )
  .addSubcommand((s) =>
    subcommand(s, { name: 'restore', zh: { name: '恢复', description: '管理员：恢复删除的文档（默认最近一份）' }, en: { description: 'Admins: restore a removed document (default: the latest)' } }).addStringOption((o) =>
      stringOption(o, { name: 'name', zh: { name: '文件名', description: '要恢复的文件（可选）' }, en: { description: 'The document to restore (optional)' } }, { maxLength: 120 }),
    ),
  )
  .addSubcommand((s) =>
    subcommand(s, { name: 'list', zh: { name: '列表', description: '列出资料库中的文档' }, en: { description: 'List the documents' } }).addIntegerOption((o) =>
      localizedOption(o, { name: 'page', zh: { name: '页', description: '页码' }, en: { description: 'Page' } }).setMinValue(1).setMaxValue(1000),
    ),
  );

const changes = (input: CommandInput) => input.options.getSubcommand() !== 'list';
/** Everything but `list` changes the corpus: admins of the home guild only, checked on the server. */
export const adminOnly = changes;
/** A download and a reindex take longer than Discord's 3 s. */
export const defer = changes;

/**
 * Adds, removes or restores a document (then reindexes and reports), or lists them.
 *
 * @example
 * await execute(interaction, ctx); // /docs add file:<报告.docx> → 已添加 / Added · 报告.docx · 段落 31 · 数字 54 …
 */
export async function execute(interaction: CommandInput, ctx: BotContext): Promise<ReplyView> {
  const sub = interaction.options.getSubcommand(true);
  if (sub === 'list') return renderDocList(await catalog({ seedsDir: ctx.config.seedsDir, indexDir: ctx.config.indexDir, search: ctx.search }), interaction.options.getInteger('page') ?? 1);
  const library = libraryOf(ctx, sub);
  if (sub === 'remove') return renderDocChange(await removeUpload(library, interaction.options.getString('name', true)));
  if (sub === 'restore') return renderDocChange(await restoreUpload(library, interaction.options.getString('name')));
  const file = interaction.options.getAttachment('file', true)!;
  return renderDocChange(await addUpload(library, file, { name: interaction.options.getString('name'), replace: interaction.options.getBoolean('replace') ?? false }));
}

/** Document names for `/docs remove name:`: the indexed documents containing what is typed. */
export function autocomplete(interaction: AutocompleteInput, ctx: BotContext): Choice[] {
  const typed = interaction.options.getFocused(true).value.toLowerCase();
  return ctx.search
    .stats()
    .docs.map((d) => d.doc)
    .filter((name) => name.toLowerCase().includes(typed) && name.length <= 100)
    .slice(0, 25)
    .map((name) => ({ name, value: name }));
}

function libraryOf(ctx: BotContext, sub: string): LibraryContext {
  const caller = ctx.caller ?? { admin: false, userId: 'unknown', guild: 'unknown' };
  return {
    seedsDir: ctx.config.seedsDir,
    indexDir: ctx.config.indexDir,
    maxBytes: ctx.config.maxUploadBytes,
    search: ctx.search,
    actor: caller.userId,
    guild: caller.guild,
    onProgress: (p) => caller.progress?.(renderProgress(p, `/docs ${sub}`)),
  };
}
