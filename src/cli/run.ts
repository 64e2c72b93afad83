import type { QueryService } from '../search/service.js';
import type { Answer } from '../search/types.js';
import type { ParsedArgs } from './args.js';

/**
 * Runs one parsed command against the query service. `batch` is handled by the caller.
 *
 * @example
 * await runCommand(service, parseArgs(['zone', '梅河口'])); // { command: 'zone', zone: { name: '梅河口市', … } }
 */
export async function runCommand(service: QueryService, args: ParsedArgs): Promise<Answer> {
  switch (args.command) {
    case 'figure':
      return service.figure(args.text, { zone: args.zone, year: args.year, limit: args.limit });
    case 'zone':
      return service.zone(args.text);
    case 'ask':
      return service.ask(args.text, { limit: args.limit, after: args.after });
    case 'source':
      return service.source(args.text);
    case 'stats':
      return service.stats();
    case 'reindex':
      return service.reindex();
    case 'batch':
      throw new Error('cli/run: batch is not a single command');
  }
}
