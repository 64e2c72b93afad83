const BARS = '▁▂▃▄▅▆▇█';

/**
 * Counts as a one-line bar chart, for places without pictures (a terminal, an embed field).
 *
 * @example
 * sparkline([0, 1, 4, 8]); // '▁▂▄█'
 */
export function sparkline(values: number[]): string {
  const max = Math.max(1, ...values);
  return values.map((v) => BARS[Math.min(BARS.length - 1, Math.round((Math.max(0, v) / max) * (BARS.length - 1)))]).join('');
}
