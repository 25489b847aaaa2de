// The one block `npm start` prints once everything answers: where to go, and what to tell a
// colleague who wants to connect the Temporal CLI. Later parts add their own sections to it.
import { isAbsolute, relative } from 'node:path';
import { calendarWarning } from '../config/calendar';
import { publicUrl, temporalAddress, temporalUiUrl, type Env } from '../config/env';
import { currentPolicy } from '../config/policy';

export interface ReadySection {
  title: string;
  lines: string[];
}

/** what the Temporal line says of the server: the dev server's database, the launcher's own cluster, or one it only connects to */
export type TemporalOrigin = { devServerDb: string } | 'cluster' | 'external';

export function readyBlock(env: Env, origin: TemporalOrigin, sections: ReadySection[] = []): string {
  const temporal = `${temporalAddress(env)} (${describeOrigin(origin)})`;
  const rows: [string, string][] = [
    ['web form', publicUrl(env)],
    ['Temporal UI', temporalUiUrl(env)],
    ['Temporal', temporal],
    ['namespace', env.TEMPORAL_NAMESPACE],
    ['task queue', env.YUQING_TASK_QUEUE],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return [
    'Yuqing is ready',
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
    ...sections.flatMap((s) => [s.title, ...s.lines.map((line) => `  ${line}`)]),
    'Ctrl-C stops everything.',
  ].join('\n');
}

function describeOrigin(origin: TemporalOrigin): string {
  if (origin === 'cluster') return 'self-hosted cluster, see below';
  if (origin === 'external') return 'external';
  return `embedded dev server, data in ${shortPath(origin.devServerDb)}`;
}

function shortPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

/**
 * Read before anything starts, so a wrong value in the policy or calendar file stops the start with
 * its line. Says which policy new incidents get and, SPEC §4 upkeep, from 1 December while next
 * year's holidays (published late) are missing, that they are.
 */
export function policySections(env: Env, now: Date): ReadySection[] {
  const policy = currentPolicy({ now, overridesFile: env.YUQING_CALENDAR_OVERRIDES, policyFile: env.YUQING_POLICY_FILE });
  const warning = calendarWarning(now, policy.calendar);
  return [
    ...(env.YUQING_POLICY_FILE ? [{ title: 'Policy', lines: [`${shortPath(env.YUQING_POLICY_FILE)}, version ${policy.version}; an edit applies to the next incident`] }] : []),
    ...(warning ? [{ title: 'Working calendar', lines: warning.split('\n') }] : []),
  ];
}
