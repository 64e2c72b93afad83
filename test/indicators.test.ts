import { describe, expect, it } from 'vitest';
import { expandIndicators, indicatorForms } from '../src/nlp/indicators.js';

describe('indicator short forms spelled out', () => {
  it.each([
    ['gdp增速', '地区生产总值增速'],
    ['规上工业增加值', '规模以上工业增加值'],
    ['社零', '社会消费品零售总额'],
    ['外贸增速', '进出口总额增速'],
    // Exports, not the total: a short form followed by what makes it another measure stays.
    ['外贸出口增速', '外贸出口增速'],
    // The document's own longer term stays as typed.
    ['全口径财政收入', '全口径财政收入'],
    ['生产总值', '地区生产总值'],
    ['规模工业总产值', '规模以上工业总产值'],
    ['人均生产总值', '人均地区生产总值'],
  ])('%s → %s', (typed, expanded) => {
    expect(expandIndicators(typed)).toBe(expanded);
  });

  it('gives every form of the indicator a word names, or the word alone', () => {
    expect(indicatorForms('营收')).toEqual(['营收', '营业收入']);
    expect(indicatorForms('招商引资')).toEqual(['招商引资']);
  });
});
