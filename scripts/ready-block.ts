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

/** SPEC §4 upkeep: next year's holidays are published late; from 1 December say so while they are missing. */
export function calendarSections(env: Env, now: Date): ReadySection[] {
  const warning = calendarWarning(now, currentPolicy({ now, overridesFile: env.YUQING_CALENDAR_OVERRIDES }).calendar);
  return warning ? [{ title: 'Working calendar', lines: warning.split('\n') }] : [];
}
