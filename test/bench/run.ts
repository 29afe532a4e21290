/**
 * `npm run bench`: runs every test/bench/<name>.bench.ts in its own Node process, one after
 * another, streaming its output; `npm run bench -- <name> [<name>…]` runs only those. Each
 * benchmark's last line is `BENCH <name> <value> <unit>`, after a `goal: <op> <target>` line.
 * Exits non-zero when a benchmark fails to run (not when it misses its goal).
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { type Goal, goalMet, parseBenchLine, parseGoalLine } from './support/goal.ts';

const benchDir = import.meta.dirname;
const SUFFIX = '.bench.ts';

interface Outcome {
  name: string;
  ok: boolean;
  summary: string;
}

function availableBenchmarks(): string[] {
  return readdirSync(benchDir)
    .filter((f) => f.endsWith(SUFFIX))
    .map((f) => f.slice(0, -SUFFIX.length))
    .sort();
}

function describeGoal(goal: Goal | null, value: number): string {
  if (!goal) return 'no goal printed';
  return `goal ${goal.op} ${goal.target}: ${goalMet(goal, value) ? 'met' : 'MISSED'}`;
}

async function runOne(name: string): Promise<Outcome> {
  console.log(`\n==> ${name}`);
  const started = performance.now();
  const child = spawn(process.execPath, [join(benchDir, `${name}${SUFFIX}`)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let last = '';
  let goal: Goal | null = null;
  const lines = createInterface({ input: child.stdout, crlfDelay: Number.POSITIVE_INFINITY });
  lines.on('line', (line) => {
    console.log(line);
    if (line.trim() !== '') last = line;
    goal = parseGoalLine(line) ?? goal;
  });
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) => {
    child.once('error', (e) => {
      console.error(`could not start ${name}: ${e.message}`);
      done([null, null]);
    });
    child.once('close', (c, s) => done([c, s]));
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (code !== 0) {
    return {
      name,
      ok: false,
      summary: `FAILED to run (${signal ? `killed by ${signal}` : `exit code ${code}`})`,
    };
  }
  const result = parseBenchLine(last);
  if (!result || result.name !== name) {
    return { name, ok: false, summary: `FAILED: its last line is not "BENCH ${name} <value> <unit>"` };
  }
  return {
    name,
    ok: true,
    summary: `${result.value} ${result.unit}, ${describeGoal(goal, result.value)} (${seconds} s)`,
  };
}

async function main(): Promise<number> {
  const available = availableBenchmarks();
  const wanted = process.argv.slice(2).filter((a) => a !== '--');
  const unknown = wanted.filter((w) => !available.includes(w));
  if (unknown.length > 0) {
    console.error(`Unknown benchmark${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}.`);
    console.error(`Available (test/bench/<name>${SUFFIX}): ${available.join(', ') || 'none'}.`);
    return 2;
  }
  const names = wanted.length > 0 ? wanted : available;
  if (names.length === 0) {
    console.error(`No benchmarks found in ${benchDir} (files named <name>${SUFFIX}).`);
    return 2;
  }
  const outcomes: Outcome[] = [];
  for (const name of names) outcomes.push(await runOne(name));
  console.log('\n==> summary');
  for (const o of outcomes) console.log(`${o.name}: ${o.summary}`);
  return outcomes.every((o) => o.ok) ? 0 : 1;
}

process.exitCode = await main();
