/**
 * The result line every benchmark ends with, and the goal line it prints before it. run.ts reads
 * both back to say whether the goal was met; the benchmarks print them with `reportBench`.
 */
export type GoalOp = '>=' | '>' | '<=' | '<';
export interface Goal {
  op: GoalOp;
  target: number;
}
export interface BenchLine {
  name: string;
  value: number;
  unit: string;
}

const BENCH_LINE = /^BENCH (\S+) (-?\d+(?:\.\d+)?(?:e[+-]?\d+)?) (\S+)$/;
const GOAL_LINE = /^goal: (>=|>|<=|<) (-?\d+(?:\.\d+)?)\b/;

export function parseBenchLine(line: string): BenchLine | null {
  const m = BENCH_LINE.exec(line.trim());
  if (!m?.[1] || !m[2] || !m[3]) return null;
  return { name: m[1], value: Number(m[2]), unit: m[3] };
}

export function parseGoalLine(line: string): Goal | null {
  const m = GOAL_LINE.exec(line.trim());
  if (!m?.[1] || !m[2]) return null;
  return { op: m[1] as GoalOp, target: Number(m[2]) };
}

export function goalMet(goal: Goal, value: number): boolean {
  switch (goal.op) {
    case '>=':
      return value >= goal.target;
    case '>':
      return value > goal.target;
    case '<=':
      return value <= goal.target;
    case '<':
      return value < goal.target;
  }
}

/**
 * Prints the goal, then the BENCH line, which must be the last line the benchmark writes. The
 * value is shown with `digits` decimals (whole numbers by default).
 */
export function reportBench(bench: BenchLine, goal: Goal, digits = 0): void {
  console.log(`goal: ${goal.op} ${goal.target} ${bench.unit}`);
  console.log(`BENCH ${bench.name} ${bench.value.toFixed(digits)} ${bench.unit}`);
}
