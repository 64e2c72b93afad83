import type { ReplyView } from '../types.js';
import { COLORS } from './limits.js';

interface HelpEntry {
  usage: string;
  zh: string;
  en: string;
  examples: string[];
}

/** Each command's usage and examples; every example is run by test/help-examples.test.ts. */
export const ENTRIES: HelpEntry[] = [
  {
    usage: '/ask question:',
    zh: '用自然语言提问：先给出答案（原文中的数字或名称），再列出依据的段落和出处；点“追问”接着问。',
    en: 'Ask in plain words: the answer first (a figure or name from the text), then the passages and citations; 追问 asks a follow-up.',
    examples: ['/ask 梅河口离长春有多远？', '/ask 经开区培育了哪些新兴产业'],
  },
  {
    usage: '/figure query: [zone:] [year:]',
    zh: '查数字：指标的数值和单位、所属地区、年份、出处句子；可比的数字附图表。地区和指标可自动补全。',
    en: 'Look up figures: value and unit, zone, year and the sentence they come from; a chart when they compare. Zone and metric autocomplete.',
    examples: ['/figure 招商引资 zone:梅河口', '/figure 地区生产总值 year:2020'],
  },
  {
    usage: '/compare metric: zones: [year:]',
    zh: '对比多个地区的同一指标：每个地区自己的数字（没有就写“未找到”），附柱状图。',
    en: 'Compare one metric across zones: each zone’s own figure (or “not found”), with a bar chart.',
    examples: ['/compare 固定资产投资 zones:梅河口,长春经开区'],
  },
  {
    usage: '/zone name:',
    zh: '地区概况：类别、别名、涉及的文档、主要数字表和相关段落。',
    en: 'Zone profile: kind, aliases, documents, a table of key figures and top passages.',
    examples: ['/zone 梅河口', '/zone 上海'],
  },
  {
    usage: '/source id:',
    zh: '显示一个段落的全文（引用里的 文件#段号），可翻到上一段或下一段。',
    en: 'Show the full text of a passage (file#number from a citation), with previous/next buttons.',
    examples: ['/source 000_2948f0920b1045a6.txt#3'],
  },
  {
    usage: '/stats',
    zh: '索引统计：文档、段落、数字、地区数量，建立时间和跳过的文件；管理员还能看到提问统计、没答上的问题和 👎。',
    en: 'Index statistics: documents, passages, figures, zones, build time, skipped files; admins also see usage, unanswered questions and 👎.',
    examples: ['/stats'],
  },
  {
    usage: '/docs add|remove|restore|list',
    zh: '资料库：管理员上传文档（txt、md、docx、pdf）、删除（可恢复）或恢复；所有人可列出文档。',
    en: 'Documents: admins upload (txt, md, docx, pdf), remove (recoverable) or restore; everyone can list them.',
    examples: ['/docs list'],
  },
  {
    usage: '/reindex',
    zh: '管理员：重新读取资料文件并重建索引，显示新增、修改、删除的文件。',
    en: 'Admins: re-read the seed files and rebuild the index; shows added, changed and removed files.',
    examples: ['/reindex'],
  },
  {
    usage: '/help',
    zh: '显示本帮助。',
    en: 'Show this help.',
    examples: ['/help'],
  },
];

/**
 * What each command does, with examples: Chinese first, then English.
 *
 * @example
 * renderHelp().embeds[0].fields.length; // 9
 */
export function renderHelp(): ReplyView {
  return {
    embeds: [
      {
        title: '使用帮助 / Help',
        description:
          '这个机器人回答关于开发区资料的问题，每个答案都附有出处〔文件 · ¶段号 · L 行号〕。\nThis bot answers questions about development-zone documents; every answer cites its source 〔file · ¶passage · L lines〕.',
        color: COLORS.ask,
        fields: ENTRIES.map((e) => ({
          name: e.usage,
          value: `${e.zh}\n${e.en}\n例 / e.g. ${e.examples.map((x) => `\`${x}\``).join('  ')}`,
        })),
        footer: { text: '结果太多时用 上一页/下一页 翻页，点“原文”看全文。/ Use the buttons to page; 原文 shows the full passage.' },
      },
    ],
    buttons: [],
    ephemeral: true,
    results: ENTRIES.length,
  };
}
