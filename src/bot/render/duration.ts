/**
 * A duration for people, in both languages.
 *
 * @example
 * duration(95_000); // '1 分 35 秒 / 1 min 35 s'
 */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} 毫秒 / ${Math.round(ms)} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} 秒 / ${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} 分 ${s % 60} 秒 / ${m} min ${s % 60} s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} 小时 ${m % 60} 分 / ${h} h ${m % 60} min`;
  const d = Math.floor(h / 24);
  return `${d} 天 / ${d} days`;
}
