// What the policy's shape cannot say: rules between its values, checked on the file merged over the
// defaults, each problem at the field to fix (or the one it is compared with, when the file does not
// write the first).
import { RESPONSIBLE } from '../domain/incident/deadline-book';
import { type DurationSpec, type Role, SEVERITIES } from '../domain/model/schema';
import { bilingual, type Problem } from './config-file';
import type { Tunables } from './policy-file';

export type PolicyCheck = (policy: Tunables) => Problem[];

const GRADES = ['critical', 'major', 'significant'] as const;
const METRICS = ['views', 'comments', 'mainstreamSites'] as const;

/** SPEC §3: any one condition is enough, the highest grade reached wins, so each grade needs at least what the one below needs. */
const orderedThresholds: PolicyCheck = ({ grading }) => {
  const problems: Problem[] = [];
  for (const metric of METRICS) {
    const levels = GRADES.flatMap((grade) => {
      const value = (grading[grade] as Partial<Record<(typeof METRICS)[number], number>>)[metric];
      return value === undefined ? [] : [{ path: ['grading', grade, metric], value }];
    });
    levels.forEach(({ path, value }, i) => {
      const field = path.join('.');
      if (value < 1) problems.push({ path, value, message: bilingual(`must be at least 1: at 0 every incident would reach ${field}`, `不能小于 1：为 0 时每件事件都会达到 ${field}`) });
      const above = levels[i - 1];
      if (above && value > above.value) {
        const higher = above.path.join('.');
        problems.push({
          path,
          related: above.path,
          value,
          message: bilingual(`must not be above ${higher} (${above.value}): a lower grade cannot need more than a higher one`, `不能高于 ${higher}（${above.value}）：较低的级别不能比较高的级别门槛更高`),
        });
      }
    });
  }
  return problems;
};

/** The longest a deadline may be, per unit: about a year, beyond which a working-time walk gives up. */
const MAX_AMOUNT: Record<DurationSpec['unit'], number> = {
  seconds: 366 * 86_400,
  minutes: 366 * 1_440,
  hours: 366 * 24,
  days: 366,
  workingHours: 2_000,
  workingDays: 250,
  workingDayClose: 250,
};

const durationsWithinAYear: PolicyCheck = ({ deadlines }) =>
  Object.entries(deadlines).flatMap(([kind, perSeverity]) =>
    SEVERITIES.flatMap((severity) => {
      const spec = perSeverity[severity];
      if (!spec || spec.amount <= MAX_AMOUNT[spec.unit]) return [];
      const max = MAX_AMOUNT[spec.unit];
      return [{ path: ['deadlines', kind, severity, 'amount'], message: bilingual(`must be at most ${max} ${spec.unit}: a deadline beyond about a year is a mistake`, `不能大于 ${max}（${spec.unit}）：超过约一年的期限必是误填`) }];
    }),
  );

/** a monitoring system's account and the key administrators are no level of the hierarchy a breach climbs */
const NOT_A_LEVEL: Role[] = ['intake', 'admin'];

/**
 * SPEC §4: a breach is told to the level above whoever owed the deadline (workflows/incident/run.ts
 * levelAbove): a role not in the chain is below it and tells its first level, one at its top would
 * tell only itself.
 */
const escalationChainClimbs: PolicyCheck = ({ escalationChain: chain }) => {
  if (chain.length === 0) return [{ path: ['escalationChain'], message: bilingual('must list at least one level', '至少须列出一个层级') }];
  const problems: Problem[] = chain.flatMap((role, i): Problem[] => {
    const path = ['escalationChain', i];
    if (NOT_A_LEVEL.includes(role)) return [{ path, message: bilingual(`${role} is no level a breach is told to`, `${role} 不是升级通报的层级`) }];
    if (chain.indexOf(role) !== i) return [{ path, message: bilingual(`${role} is already in the chain`, `${role} 已在升级链中`) }];
    return [];
  });
  const top = chain.at(-1)!;
  if (Object.values(RESPONSIBLE).includes(top)) {
    problems.push({
      path: ['escalationChain', chain.length - 1],
      message: bilingual(`${top} owes deadlines, so a level above it must follow: its breaches would be told to nobody else`, `${top} 负责期限，其后须有上一级：否则逾期只通知其本身`),
    });
  }
  return problems;
};

/**
 * Every rule across fields, run on each load. The deadline table's own rule (a lower grade never has
 * a tighter report deadline than a higher one, SPEC §4) joins this list from domain/rules/ once it exists.
 */
export const POLICY_CHECKS: PolicyCheck[] = [orderedThresholds, durationsWithinAYear, escalationChainClimbs];
