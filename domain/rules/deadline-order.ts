// SPEC §4: "a lower grade never has a tighter report deadline than a higher one". A pure check of a
// deadline table, run wherever a table is parsed (DeadlineTable in model/schema.ts) and callable on
// its own by whatever loads an organisation's policy file.
import { label } from '../labels';
import type { DurationSpec, Severity } from '../model/schema';
import { severityRank, SEVERITY_LABELS } from './grading';

/** the kinds whose terms must not tighten as the grade falls: the reports upward and the forwarding */
export const ORDERED_DEADLINES = ['forward', 'report', 'writtenReport'] as const;
type OrderedKind = (typeof ORDERED_DEADLINES)[number];

type Row = Record<Severity, DurationSpec | null>;

export interface OrderProblem {
  kind: OrderedKind;
  lower: Severity;
  higher: Severity;
  message: string;
}

const ELAPSED_MINUTES: Partial<Record<DurationSpec['unit'], number>> = { seconds: 1 / 60, minutes: 1, hours: 60, days: 1440 };

/** Elapsed units compare with each other; each working-time unit only with itself. */
function length(spec: DurationSpec): { scale: string; amount: number } {
  const minutes = ELAPSED_MINUTES[spec.unit];
  return minutes === undefined ? { scale: spec.unit, amount: spec.amount } : { scale: 'elapsed', amount: spec.amount * minutes };
}

export const durationText = (spec: DurationSpec) => `${spec.amount} ${label('durationUnit', spec.unit)}`;

function problem(kind: OrderedKind, lower: Severity, a: DurationSpec, higher: Severity, b: DurationSpec | null): string | undefined {
  const name = `${label('deadline', kind)}：${SEVERITY_LABELS[lower]}（${durationText(a)}）`;
  if (!b) return `${name}有期限而${SEVERITY_LABELS[higher]}没有，较低级别不得比较高级别更紧`;
  const [x, y] = [length(a), length(b)];
  if (x.scale !== y.scale) return `${name}与${SEVERITY_LABELS[higher]}（${durationText(b)}）的单位无法比较，请用可比较的单位`;
  if (x.amount < y.amount) return `${name}比${SEVERITY_LABELS[higher]}（${durationText(b)}）更紧，较低级别不得比较高级别更紧`;
  return undefined;
}

/** Every pair of grades where the lower one's term is tighter than the higher one's, or cannot be compared. */
export function deadlineOrderProblems(table: Readonly<Record<string, Row | undefined>>): OrderProblem[] {
  const problems: OrderProblem[] = [];
  for (const kind of ORDERED_DEADLINES) {
    const row = table[kind];
    if (!row) continue;
    const grades = (Object.keys(row) as Severity[]).sort((a, b) => severityRank(a) - severityRank(b));
    grades.forEach((lower, i) => {
      const a = row[lower];
      if (!a) return;
      for (const higher of grades.slice(i + 1)) {
        const message = problem(kind, lower, a, higher, row[higher]);
        if (message) problems.push({ kind, lower, higher, message });
      }
    });
  }
  return problems;
}
