import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/bot/commands.js';
import { consoleInput, isBlank, parseConsoleLine } from '../src/bot/console-parse.js';
import { UserError } from '../src/errors.js';

const parse = (line: string) => {
  const parsed = parseConsoleLine(line, COMMANDS);
  return parsed.kind === 'command' ? { name: parsed.command.data.name, options: parsed.options } : parsed;
};

describe('console lines', () => {
  it.each([
    ['/figure 招商引资 zone:梅河口', { name: 'figure', options: { query: '招商引资', zone: '梅河口' } }],
    ['/figure 招商引资 zone:梅河口 year:2020', { name: 'figure', options: { query: '招商引资', zone: '梅河口', year: '2020' } }],
    ['/figure query:固定资产 投资 zone：长春新区', { name: 'figure', options: { query: '固定资产 投资', zone: '长春新区' } }],
    ['/数字 招商引资 地区:梅河口', { name: 'figure', options: { query: '招商引资', zone: '梅河口' } }],
    ['/zone 梅河口', { name: 'zone', options: { name: '梅河口' } }],
    ['/ask 梅河口离长春有多远？', { name: 'ask', options: { question: '梅河口离长春有多远？' } }],
    ['/ask what is zone: a field?', { name: 'ask', options: { question: 'what is zone: a field?' } }],
    ['/source 000_2948f0920b1045a6.txt#3', { name: 'source', options: { id: '000_2948f0920b1045a6.txt#3' } }],
    ['/ask "长春 新区"', { name: 'ask', options: { question: '长春 新区' } }],
    ['梅河口有多少企业', { name: 'ask', options: { question: '梅河口有多少企业' } }],
    ['/stats', { name: 'stats', options: {} }],
    ['/HELP', { name: 'help', options: {} }],
    ['/reindex', { name: 'reindex', options: {} }],
    ['/next', { kind: 'page', direction: 'next' }],
    ['/prev', { kind: 'page', direction: 'prev' }],
    ['/quit', { kind: 'quit' }],
  ])('%s', (line, expected) => {
    expect(parse(line)).toEqual(expected);
  });

  it('refuses unknown commands and missing options with a message for the user', () => {
    expect(() => parse('/bogus')).toThrow(UserError);
    expect(() => parse('/figure zone:梅河口')).toThrow(/needs query/);
  });

  it('skips blank lines and comments', () => {
    expect(isBlank('   ')).toBe(true);
    expect(isBlank('# 演示')).toBe(true);
    expect(isBlank('/help')).toBe(false);
  });

  it('offers options the way a Discord interaction does', () => {
    const input = consoleInput({ question: '梅河口' });
    expect(input.options.getString('question', true)).toBe('梅河口');
    expect(input.options.getString('zone')).toBeNull();
    expect(() => input.options.getString('zone', true)).toThrow(UserError);
  });
});
