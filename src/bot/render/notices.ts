import { COLORS, LIMITS } from './limits.js';
import { escapeAndTruncate } from './markdown.js';
import type { ReplyView } from '../types.js';

const notice = (title: string, description: string, color: number = COLORS.notice): ReplyView => ({
  embeds: [{ title, description, color }],
  buttons: [],
  ephemeral: true,
});

/**
 * What the user sees when something broke on our side: a short id to quote, nothing more.
 *
 * @example
 * renderFailure('k3x9q2'); // ephemeral embed '出错了 / Something went wrong … k3x9q2'
 */
export function renderFailure(errorId: string): ReplyView {
  return notice(
    '出错了 / Something went wrong',
    `处理这个请求时出错了，请稍后再试。如需帮助，请提供错误编号 \`${errorId}\`。\nThe request failed; please try again later. Error id: \`${errorId}\`.`,
    COLORS.error,
  );
}

/**
 * A `UserError`'s own message (already written for chat users), escaped.
 *
 * @example
 * renderUserError('没有找到段落 x#9。'); // ephemeral embed with that text
 */
export function renderUserError(userMessage: string): ReplyView {
  return notice('无法完成 / Cannot do that', escapeAndTruncate(userMessage, LIMITS.description));
}

/**
 * A button whose result can no longer be rebuilt (its cache entry is gone after a restart,
 * or it came from an older version of the bot).
 *
 * @example
 * renderExpired().embeds[0].title; // '这个结果已过期，请重新查询 / result expired'
 */
export function renderExpired(): ReplyView {
  return notice('这个结果已过期，请重新查询 / result expired', '请重新运行命令。/ Please run the command again.');
}

/**
 * The refusal for admin-only commands.
 *
 * @example
 * renderRefusal('reindex').ephemeral; // true
 */
export function renderRefusal(command: string): ReplyView {
  return notice(
    '没有权限 / Not allowed',
    `只有拥有“管理服务器”权限的成员或指定的管理员才能使用 /${command}。\nOnly members with Manage Server, or configured admins, can use /${command}.`,
    COLORS.error,
  );
}
