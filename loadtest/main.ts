/**
 * `npm run loadtest [-- --duration S] [--connections N] [--json] [--profile DIR]`: see run.ts.
 * Progress goes to stderr, the table (or with --json the report as one JSON object) to stdout.
 * `--profile DIR` also writes a V8 CPU profile of each replica (`npx tsx bench/profile-top.ts FILE`).
 * Exits 1 when a request failed or an answer was not wholly one generation's.
 */
import { parseArgs } from 'node:util';
import { formatReport } from './report.js';
import { runLoadTest } from './run.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    json: { type: 'boolean', default: false },
    profile: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  process.stdout.write('npm run loadtest -- [--duration seconds per phase, default 10] [--connections N, default 10] [--json] [--profile DIR]\n');
  process.exit(0);
}
const durationS = Number(values.duration);
const connections = Number(values.connections);
if (!(durationS > 0 && durationS <= 120) || !Number.isInteger(connections) || connections < 1 || connections > 100) {
  process.stderr.write('loadtest: --duration takes 0 < seconds ≤ 120, --connections 1–100\n');
  process.exit(2);
}

const report = await runLoadTest({ durationS, connections, profileDir: values.profile, log: (line) => process.stderr.write(`loadtest: ${line}\n`) });
process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
process.exitCode = report.ok ? 0 : 1;
