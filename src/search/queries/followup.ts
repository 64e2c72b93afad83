import type { ZoneRegistry } from '../../nlp/zone-registry.js';
import { zonesInText } from './common.js';

/**
 * Follow-up questions (`那2021年呢？`, `招商引资呢？`, `它离长春多远？`) read in the context of
 * the question before them: they keep its place and year unless they name new ones, and its
 * topic when they bring none. The result is an ordinary, self-contained question, so the
 * answer, its citations and a further follow-up need no hidden state: the transports carry
 * the previous question's text (a button's custom id, the console's last answer).
 */
export interface FollowUp {
  /** The question as asked in full (`珠海高新区2021年的营业收入是多少？`). */
  question: string;
  /** What came from the previous question: its places, its year, its topic. */
  inherited: { zones: string[]; year: string | null; topic: boolean };
}

const YEAR = /((?:19|20)\d{2})\s*年?/;
/** Words standing for the previous question's place. */
const PRONOUN = /它们|它|该区|该市|该县|该地|这里|那里|当地|这个地方|那个地方/g;
const HAS_PRONOUN = new RegExp(PRONOUN.source);
/** Words of a follow-up that only say “and what about…”. */
const LINKING = /^(?:那么|那|还有|另外|再问|又|而)|(?:的话|呢|呀|啊|吗|怎么样|如何)(?=[？?。!！\s]*$)|[？?。!！，,、\s]/g;
/** The part of a question that says what kind of answer it wants (`是多少？`). */
const ASKING = /(?:是|有|为|达到|达|占)?(?:多少|多大|多远|多长|多久|多高|几[个家项户人年次倍天位名种条所座]?|第几|哪些|哪几|什么|哪个|哪家|哪里|谁|怎样|如何)[^，。？?]*[？?]?$/;

interface Parts {
  zones: string[];
  year: string | null;
  /** The question without its places and year (`的营业收入是多少？`). */
  topic: string;
}

function partsOf(registry: ZoneRegistry, question: string): Parts {
  const { topic } = zonesInText(question, registry);
  // The places as typed, in order, so the follow-up reads like the question it continues.
  const zones = registry.spotting
    .filter(({ text }) => question.includes(text))
    .map(({ text }) => text)
    .filter((text, _, all) => !all.some((other) => other !== text && other.includes(text)))
    .sort((a, b) => question.indexOf(a) - question.indexOf(b));
  const year = YEAR.exec(question)?.[1] ?? null;
  return { zones: [...new Set(zones)], year, topic: topic.replace(YEAR, ' ').replace(/\s+/g, ' ').trim() };
}

/** Whether text says something of its own: two letters or characters once linking words are gone. */
const saysSomething = (text: string) => (text.replace(PRONOUN, '').replace(LINKING, '').match(/[\p{L}\p{N}]/gu) ?? []).length >= 2;

/**
 * The follow-up `next` to `previous`, as a question of its own.
 *
 * @example
 * followUpQuestion(registry, '珠海高新区2022年的营业收入是多少？', '那2021年呢？').question;
 * // '珠海高新区2021年的营业收入是多少？'
 * followUpQuestion(registry, '梅河口的营业收入是多少？', '招商引资呢？').question; // '梅河口招商引资是多少？'
 * followUpQuestion(registry, '梅河口高新区有哪些产业？', '它离长春多远？').question; // '梅河口高新区离长春多远？'
 */
export function followUpQuestion(registry: ZoneRegistry, previous: string, next: string): FollowUp {
  const before = partsOf(registry, previous);
  const now = partsOf(registry, next);
  const zones = now.zones.length > 0 ? now.zones : before.zones;
  const year = now.year ?? before.year;
  const inherited = { zones: now.zones.length > 0 ? [] : before.zones, year: now.year === null ? before.year : null, topic: false };
  const place = zones.join('、');
  const when = year ? `${year}年` : '';

  // `它离长春多远？`: the pronoun is the previous question's place; the places the follow-up
  // names itself (长春) are other parts of the question, not a new subject.
  if (HAS_PRONOUN.test(next) && before.zones.length > 0) {
    const subject = before.zones.join('、');
    let first = true;
    const question = next.trim().replace(PRONOUN, () => {
      const said = first ? `${subject}${now.year === null && before.year ? `${before.year}年` : ''}` : subject;
      first = false;
      return said;
    });
    return { question, inherited: { zones: before.zones, year: now.year === null ? before.year : null, topic: false } };
  }

  if (!saysSomething(now.topic)) {
    // `那2021年呢？`, `珠海呢？`: only a new place or year; the question is the previous one
    // with its subject (the first place it named) or its year swapped.
    inherited.topic = true;
    let question = previous;
    if (now.zones.length > 0 && before.zones.length > 0) question = question.replace(before.zones[0]!, place);
    else if (now.zones.length > 0) question = `${place}${question}`;
    if (now.year !== null) {
      if (before.year !== null) question = question.replace(YEAR, when);
      else if (zones.length > 0) question = question.replace(zones[0]!, `${zones[0]}${when}`);
      else question = `${when}${question}`;
    }
    return { question, inherited };
  }
  // A whole question of its own (a place, a subject, a question word) needs nothing inherited.
  if (now.zones.length > 0 && ASKING.test(now.topic.replace(/\s+/g, ''))) return { question: next.replace(/^(?:那么|那|还有|另外)/, ''), inherited: { zones: [], year: null, topic: false } };
  // `招商引资呢？`: a new subject, asked the way the previous question asked.
  let topic = now.topic.replace(PRONOUN, ' ').replace(LINKING, ' ').replace(/\s+/g, '').replace(/^的/, '');
  if (!ASKING.test(topic)) topic += ASKING.exec(before.topic.replace(/\s+/g, ''))?.[0] ?? '';
  if (topic && !/[？?]$/.test(topic) && ASKING.test(topic)) topic += '？';
  return { question: `${place}${when}${topic}` || next, inherited };
}
