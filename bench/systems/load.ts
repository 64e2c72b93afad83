import type { SystemName } from '../types.js';
import type { System } from './system.js';

/**
 * Imports only the system asked for, so a baseline process never loads jieba and OpenCC and
 * its cold start is its own.
 *
 * @example
 * const system = await loadSystem('baseline');
 * await system.build('/tmp/corpus-1x', '/tmp/baseline-1x');
 */
export async function loadSystem(name: SystemName): Promise<System> {
  return name === 'ours' ? (await import('./ours.js')).ours : (await import('./baseline.js')).baseline;
}
