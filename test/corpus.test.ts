import { describe, expect, it } from 'vitest';
import { cleanLine, lineJoiner } from '../src/corpus/clean.js';
import { PASSAGE_MAX, sentences, splitPassages } from '../src/corpus/passages.js';
import { structure } from '../src/corpus/structure.js';
import { seedLines, seedNames, seedText } from './seeds.js';

const text = (name: string) => splitPassages(name, seedText(name)).map((p) => p.text).join('\n');

describe('cleanLine: damage patterns on real seed lines', () => {
  it.each([
    ['spaces inside a measure', '来 的 2.54 平 方 公 里 拓 展 到', '来的2.54平方公里拓展到'],
    ['spaces around figures', '29.82 平方公里，扩大了 11.7', '29.82平方公里，扩大了11.7'],
    ['letter-spaced justified line', '潍 坊 高 新 区 坚 持 以 人 民 为 中', '潍坊高新区坚持以人民为中'],
    ['spaces around CJK punctuation', '400 多 人 ，创 业 创 新 人 员 2000 多', '400多人，创业创新人员2000多'],
    ['bookmark artefact', '[bookmark: _Toc7816]一、发展基础和发展环境', '一、发展基础和发展环境'],
    ['leading tab of a DOCX table cell', '\t专栏1  生物医药产业重点项目', '专栏1生物医药产业重点项目'],
    ['Latin words keep their spaces', '全球多中心 III 期临床研究', '全球多中心III期临床研究'],
    ['Latin text untouched', 'Open Source and CMOS', 'Open Source and CMOS'],
    ['zero-width and BOM', '\ufeff梅河口\u200b高新区', '梅河口高新区'],
    ['blank line', '   ', ''],
  ])('%s', (_name, raw, cleaned) => {
    expect(cleanLine(raw)).toBe(cleaned);
  });

  it('is idempotent on every seed line', () => {
    for (const name of seedNames) for (const line of seedLines(name)) expect(cleanLine(cleanLine(line))).toBe(cleanLine(line));
  });
});

describe('lineJoiner', () => {
  it.each([
    ['CJK to CJK', '同比增长', '10%', ''],
    ['number broken across lines', '总投资51.8', '亿元', ''],
    ['digits across lines', '2020', '年', ''],
    ['two Latin words', 'Open', 'Source', ' '],
  ])('%s', (_n, left, right, joiner) => expect(lineJoiner(left, right)).toBe(joiner));
});

describe('cleaned seeds', () => {
  it.each([
    ['000_2948f0920b1045a6.txt', '预计招商引资到位资金141.5亿元，同比增长16.5%'],
    ['000_2948f0920b1045a6.txt', '固定资产投资50.2亿元、增长10%'],
    ['001_b780428dfda24cbf.txt', '由原来的2.54平方公里拓展到29.82平方公里，扩大了11.7倍'],
    ['001_b780428dfda24cbf.txt', '新型农业经营主体就有760多家，农业产业化联合体11家'],
    ['001_b780428dfda24cbf.txt', '发放小额贷款1.4亿多元'],
    ['001_b780428dfda24cbf.txt', '位列第26位'],
    ['002_5b35c727b04e1621.txt', '征地600亩'],
    ['002_5b35c727b04e1621.txt', '营业收入从1902亿元上升至3475亿元'],
    ['002_5b35c727b04e1621.txt', '实际利用外资近8.5亿美元，同比增长50%'],
    ['003_daa12fa018e2ccfb.txt', '全年实现一线进出口额17亿元,增长37%'],
    ['004_578be0ae33821603.txt', '2022年地区生产总值290.09亿元'],
  ])('%s contains “%s” once joined and despaced', (name, phrase) => {
    expect(text(name)).toContain(phrase);
  });

  it('drops every bookmark artefact', () => {
    expect(text('004_578be0ae33821603.txt')).not.toContain('bookmark');
  });

  it('keeps headings as section titles, not glued to the next paragraph', () => {
    const titles = seedNames.flatMap((n) => splitPassages(n, seedText(n)).map((p) => p.title));
    expect(titles).toContain('综合实力持续增强，项目建设历史最优');
    expect(titles).toContain('一、发展基础和发展环境 （一）发展基础');
    expect(titles).toContain('专栏1生物医药产业重点项目');
    expect(text('000_2948f0920b1045a6.txt')).not.toContain('项目建设历史最优2020');
  });

  it('splits newspaper pages into articles and attaches the headline printed after the body', () => {
    const articles = structure(seedText('001_b780428dfda24cbf.txt'));
    const titles = articles.map((a) => a.title);
    expect(titles).toContain('打造全市“高质量发展平台” 梅河口高新区综合实力在全省开发区独占鳌头');
    expect(titles).toContain('榆树荣获“第三批全国农村创业创新典型县”称号');
    expect(articles.length).toBeGreaterThanOrEqual(5);
  });
});

describe('passages', () => {
  const all = seedNames.flatMap((name) => splitPassages(name, seedText(name)).map((p) => ({ p, lines: seedLines(name) })));

  it('have stable ids, numbered from 1 per file', () => {
    for (const name of seedNames) {
      const passages = splitPassages(name, seedText(name));
      expect(passages.map((p) => p.id)).toEqual(passages.map((_, i) => `${name}#${i + 1}`));
      expect(splitPassages(name, seedText(name))).toEqual(passages);
    }
  });

  it('stay within the size bounds on sentence boundaries', () => {
    for (const { p } of all) {
      expect(p.text.length).toBeLessThanOrEqual(PASSAGE_MAX);
      expect(p.text.length).toBeGreaterThan(0);
    }
    const short = all.filter(({ p }) => p.text.length < 40).length;
    expect(short / all.length).toBeLessThan(0.15);
  });

  const cleanedRange = (lines: string[], from: number, to: number) => {
    let joined = '';
    for (const raw of lines.slice(from - 1, to)) {
      const line = cleanLine(raw);
      if (line) joined += lineJoiner(joined, line) + line;
    }
    return joined;
  };

  it('hold the cleaned text of exactly the lines they cite', () => {
    for (const { p, lines } of all) {
      const [from, to] = p.lines;
      expect(from).toBeGreaterThanOrEqual(1);
      expect(to).toBeGreaterThanOrEqual(from);
      expect(to).toBeLessThanOrEqual(lines.length);
      expect(cleanedRange(lines, from, to), p.id).toContain(p.text);
      // The range is minimal: without its first or its last line the text is not there.
      if (from < to) {
        expect(cleanedRange(lines, from + 1, to), p.id).not.toContain(p.text);
        expect(cleanedRange(lines, from, to - 1), p.id).not.toContain(p.text);
      }
    }
  });
});

describe('sentences', () => {
  it('split on final punctuation, keeping closing quotes', () => {
    expect(sentences('他说：“好。”然后走了！还有').map((s) => s.text)).toEqual(['他说：“好。”', '然后走了！', '还有']);
  });

  it('cut over-long sentences at commas', () => {
    const long = '这是一个很长的分句，'.repeat(60);
    const parts = sentences(long);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.map((s) => s.text).join('')).toBe(long);
    for (const s of parts) expect(s.text.length).toBeLessThanOrEqual(PASSAGE_MAX);
  });
});

describe('bylines and photo captions', () => {
  it.each([
    ['本报记者 王秋月', ''],
    ['记者 张三 李四', ''],
    ['吉林省中科精研健康产业集团科研人员正在忙生产', ''],
    ['工作人员正在加紧推进项目建设，确保年底投产。', '工作人员正在加紧推进项目建设，确保年底投产。'],
    ['本报记者从会上获悉，全年地区生产总值增长5%。', '本报记者从会上获悉，全年地区生产总值增长5%。'],
  ])('%s', (raw, cleaned) => {
    expect(cleanLine(raw)).toBe(cleaned);
  });

  it('never reach a passage of 003', () => {
    const texts = splitPassages('003_daa12fa018e2ccfb.txt', seedText('003_daa12fa018e2ccfb.txt')).map((p) => p.text);
    expect(texts.join('')).not.toMatch(/本报记者王秋月|科研人员正在忙生产/);
  });
});
