// The default policy of SPEC §3 and §4 and the snapshot each incident starts with: the
// organisation's policy file over these defaults, and the calendar, frozen into the workflow input,
// so a later change of any of them never moves an existing incident's deadlines.
import { statSync } from 'node:fs';
import {
  type CalendarSnapshot,
  type DeadlineTable,
  type DurationSpec,
  type GradingThresholds,
  PolicySnapshot,
  type ReportRecipients,
  type RequiredRecipient,
} from '../domain/model/schema';
import { DEFAULT_UTC_OFFSET_MINUTES } from '../domain/rules/calendar';
import { buildCalendarSnapshot } from './calendar';
import { loadPolicyFile, type OrganisationPolicy, Tunables } from './policy-file';

/** Bumped whenever a default below changes, so an incident's history says which rules it ran under. */
export const POLICY_VERSION = 'policy-2026.2';

const d = (amount: number, unit: DurationSpec['unit']): DurationSpec => ({ amount, unit });
const all = (spec: DurationSpec) => ({ general: spec, significant: spec, major: spec, critical: spec });

export function defaultDeadlineTable(): DeadlineTable {
  return {
    forward: { general: d(2, 'hours'), significant: d(2, 'hours'), major: d(2, 'hours'), critical: d(1, 'hours') },
    // general: 酌情适时, a report may be filed but none falls due
    report: { general: null, significant: d(4, 'hours'), major: d(2, 'hours'), critical: d(1, 'hours') },
    writtenReport: { general: null, significant: null, major: d(30, 'minutes'), critical: d(30, 'minutes') },
    initialResponse: all(d(3, 'workingHours')),
    inquiryOpinion: all(d(1, 'workingDayClose')),
    verification: { general: d(1, 'days'), significant: d(1, 'workingDays'), major: d(1, 'workingDays'), critical: d(1, 'workingDays') },
    authoritativeRelease: { general: null, significant: d(24, 'hours'), major: d(24, 'hours'), critical: d(24, 'hours') },
    netizenReply: all(d(5, 'workingDays')),
    netizenReplyExtended: all(d(10, 'workingDays')),
    summary: all(d(3, 'days')),
    bulletinInterval: { general: null, significant: d(24, 'hours'), major: d(12, 'hours'), critical: d(4, 'hours') },
  };
}

/** SPEC §5 and 篇五: whom each grade reports to; major and critical sensitive items also to 网宣 and 网警. */
export function defaultReportRecipients(): ReportRecipients {
  const leadership: RequiredRecipient[] = ['partyOffice', 'superiorDepartment', 'cyberspace'];
  const sensitive: RequiredRecipient[] = ['propaganda', 'police'];
  return {
    required: { general: [], significant: ['superiorDepartment'], major: leadership, critical: leadership },
    sensitiveAlso: { general: [], significant: [], major: sensitive, critical: sensitive },
  };
}

export function defaultGrading(): GradingThresholds {
  return {
    critical: { views: 3000, comments: 500, mainstreamSites: 5 },
    major: { views: 1000, comments: 100, mainstreamSites: 1 },
    significant: { views: 500, comments: 50 },
  };
}

/** What the organisation's file does not set; the fields with a schema default take it from there. */
export function defaultPolicy(): Tunables {
  return Tunables.parse({ grading: defaultGrading(), deadlines: defaultDeadlineTable(), reportRecipients: defaultReportRecipients() });
}

/** Changes with every edit, and when the file is replaced (an editor's save-by-rename), so a cache keyed by it never serves an old file. */
function fileStamp(file: string): string {
  const s = statSync(file, { throwIfNoEntry: false });
  return `${file}@${s ? `${s.ino}:${s.size}:${s.mtimeMs}` : 'missing'}`;
}

const calendars = new Map<string, CalendarSnapshot>();
const policies = new Map<string, OrganisationPolicy>();

/**
 * Runs for every incident start, so the calendar is built once per set of years and rebuilt only
 * when the overrides file changes on disk (an edit takes effect without a restart).
 */
function cachedCalendar(years: number[], overridesFile?: string): CalendarSnapshot {
  const key = `${years.join(',')}|${overridesFile ? fileStamp(overridesFile) : ''}`;
  let cal = calendars.get(key);
  if (!cal) {
    cal = buildCalendarSnapshot({ years, overridesFile });
    calendars.clear();
    calendars.set(key, cal);
  }
  return cal;
}

/**
 * Read again only when the file changed. A broken edit is not cached: every start meanwhile is
 * refused with its error, rather than run under rules the organisation has just replaced.
 */
function cachedPolicy(policyFile?: string): OrganisationPolicy {
  if (!policyFile) return { version: POLICY_VERSION, policy: defaultPolicy() };
  const key = fileStamp(policyFile);
  let policy = policies.get(key);
  if (!policy) {
    policy = loadPolicyFile(policyFile, defaultPolicy(), POLICY_VERSION);
    policies.clear();
    policies.set(key, policy);
  }
  return policy;
}

/** The policy in force at `now`: the organisation's file over the defaults, this year's calendar and the next two, validated. */
export function currentPolicy(opts: { now: Date; overridesFile?: string; policyFile?: string }): PolicySnapshot {
  const year = new Date(opts.now.getTime() + DEFAULT_UTC_OFFSET_MINUTES * 60_000).getUTCFullYear();
  const { version, policy } = cachedPolicy(opts.policyFile);
  return PolicySnapshot.parse({ ...policy, version, calendar: cachedCalendar([year, year + 1, year + 2], opts.overridesFile) });
}
