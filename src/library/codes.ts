/**
 * Why the library refused or failed an operation: a stable code for logs, the audit trail and
 * transports, the English reason (for an upload the engine would skip, word for word the skip
 * reason `readSeeds` gives, so the chat and `stats().skipped` never disagree) and a Chinese one
 * for the admin who sent it.
 */

export type LibraryCode =
  /** The requested name holds a path separator (`../../etc/passwd.txt`, `..\x.txt`). */
  | 'UNSAFE_NAME'
  | 'EMPTY'
  | 'TOO_LARGE'
  /** Neither the name's extension nor the content is a format the engine indexes. */
  | 'UNSUPPORTED_TYPE'
  /** The content is not what the extension says and is no indexable format either (a PNG named `.txt`, text named `.pdf`). */
  | 'CONTENT_MISMATCH'
  | 'ENCRYPTED'
  /** A `.doc` or a password-protected `.docx` (both are OLE compound files). */
  | 'OLD_OR_PROTECTED_WORD'
  | 'ZIP_BOMB'
  | 'BINARY'
  | 'UNDECODABLE'
  | 'NO_TEXT'
  | 'CORRUPT'
  /** Any other reason the engine could not read the file. */
  | 'UNREADABLE'
  | 'DUPLICATE'
  | 'NAME_EXISTS'
  | 'NOT_FOUND'
  /** `addDocument` was handed an upload that does not match its own bytes or name rules. */
  | 'INVALID_UPLOAD'
  /** The disk refused (permissions, full disk): nothing was changed. */
  | 'IO_FAILED'
  /** The file could not be fetched from the chat's attachment URL. */
  | 'DOWNLOAD_FAILED';

/** A refused or failed operation; nothing on disk changed. */
export interface Refusal {
  ok: false;
  code: LibraryCode;
  /** English, one line. */
  reason: string;
  /** Chinese, one line, for the admin. */
  reasonZh: string;
}

/**
 * Builds a refusal.
 *
 * @example
 * refuse('NOT_FOUND', 'no document "a.txt" in seeds', '资料库中没有文件 a.txt。');
 */
export function refuse(code: LibraryCode, reason: string, reasonZh: string): Refusal {
  return { ok: false, code, reason, reasonZh };
}

/** Engine skip reasons, first match wins; kept next to the Chinese so both change together. */
const ENGINE_REASONS: { pattern: RegExp; code: LibraryCode }[] = [
  { pattern: /^empty file$/, code: 'EMPTY' },
  { pattern: /^too large/, code: 'TOO_LARGE' },
  { pattern: /^unsupported file type/, code: 'UNSUPPORTED_TYPE' },
  { pattern: /^named \S* but the content is|^not a PDF|^not a Word document/, code: 'CONTENT_MISMATCH' },
  { pattern: /^encrypted PDF|^DOCX with password-protected parts/, code: 'ENCRYPTED' },
  { pattern: /^password-protected or old-format Word file/, code: 'OLD_OR_PROTECTED_WORD' },
  { pattern: /unpacks to/, code: 'ZIP_BOMB' },
  { pattern: /^binary data/, code: 'BINARY' },
  { pattern: /^not text in a known encoding|^invalid UTF/, code: 'UNDECODABLE' },
  { pattern: /^no text|without any text|without a text layer/, code: 'NO_TEXT' },
  { pattern: /^corrupt|^truncated|ZIP central directory/, code: 'CORRUPT' },
  { pattern: /^duplicate of/, code: 'DUPLICATE' },
];

const CONTAINER_ZH: Record<string, string> = {
  PDF: 'PDF 文件',
  'ZIP archive': 'ZIP 压缩包',
  'OLE compound file': '旧版 Office（OLE）文件',
  'PNG image': 'PNG 图片',
  'JPEG image': 'JPEG 图片',
  'GIF image': 'GIF 图片',
  'gzip archive': 'gzip 压缩包',
  'RAR archive': 'RAR 压缩包',
  '7z archive': '7z 压缩包',
};

/**
 * The refusal for a reason the engine's loader gives when it skips a file: the code read
 * from the reason, the reason itself as the English, and a Chinese rendering.
 *
 * @example
 * engineRefusal('encrypted PDF (needs a password)');
 * // { ok: false, code: 'ENCRYPTED', reason: 'encrypted PDF (needs a password)', reasonZh: 'PDF 已加密（需要密码才能打开）…' }
 */
export function engineRefusal(reason: string): Refusal {
  const code = ENGINE_REASONS.find((r) => r.pattern.test(reason))?.code ?? 'UNREADABLE';
  return refuse(code, reason, chineseFor(code, reason));
}

function chineseFor(code: LibraryCode, reason: string): string {
  switch (code) {
    case 'EMPTY':
      return '文件是空的（0 字节）。';
    case 'TOO_LARGE': {
      const [, over, size, limit] = /(over )?([\d.]+) MB \(limit ([\d.]+) MB\)/.exec(reason) ?? [];
      return size ? `文件太大：${over ? '超过 ' : ''}${size} MB（上限 ${limit} MB）。` : '文件太大。';
    }
    case 'UNSUPPORTED_TYPE': {
      const [, extension] = /^unsupported file type (\S+)/.exec(reason) ?? [];
      const what = !extension || extension === 'without' ? '没有扩展名的文件' : `${extension} 文件`;
      return `不支持${what}；只收 .txt、.md、.docx、.pdf。`;
    }
    case 'CONTENT_MISMATCH': {
      const [, extension, is, isNot] = /^named (\S*) but the content is (?:a (.+)|not a (.+))$/.exec(reason) ?? [];
      if (is) return `文件名是 ${extension}，但内容其实是${CONTAINER_ZH[is] ?? is}。`;
      if (isNot) return `文件名是 ${extension}，但内容不是${CONTAINER_ZH[isNot] ?? isNot}。`;
      return '文件内容与扩展名不符。';
    }
    case 'ENCRYPTED':
      return reason.startsWith('encrypted PDF') ? 'PDF 已加密（需要密码才能打开），请去掉密码后再上传。' : 'DOCX 有密码保护的部分，请去掉密码后再上传。';
    case 'OLD_OR_PROTECTED_WORD':
      return '这是旧版 .doc 或有密码的 Word 文件，请另存为不带密码的 .docx 再上传。';
    case 'ZIP_BOMB': {
      const [, size, limit] = /unpacks to (\d+) MB \(limit (\d+) MB\)/.exec(reason) ?? [];
      return size ? `DOCX 解压后有 ${size} MB（上限 ${limit} MB），疑似压缩炸弹，已拒绝。` : 'DOCX 解压后过大，疑似压缩炸弹，已拒绝。';
    }
    case 'BINARY':
      return '内容是二进制数据，不是文本。';
    case 'UNDECODABLE':
      return '无法识别文本编码（已试 UTF-8、带 BOM 的 UTF-16、GB18030/GBK），请另存为 UTF-8 再上传。';
    case 'NO_TEXT':
      if (/text layer/.test(reason)) return 'PDF 没有文字层（可能是扫描件），请先做 OCR。';
      if (/^DOCX/.test(reason)) return 'DOCX 里没有任何文字。';
      return '文件里没有文字（只有空白）。';
    case 'CORRUPT':
      return '文件已损坏或不完整，请重新下载后再上传。';
    case 'DUPLICATE': {
      const [, original] = /^duplicate of (.+)$/.exec(reason) ?? [];
      return `与已有文件 ${original ?? ''} 内容完全相同。`;
    }
    default:
      return '无法读取这个文件。';
  }
}
