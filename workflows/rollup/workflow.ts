// rollupWorkflow: one 《网络舆情周报》 or 《网络舆情月报》 (SPEC §7). The Schedules in
// workers/schedules.ts start it with only its kind; the period comes from the run's scheduled time,
// so `temporal schedule backfill` over past Mondays (or 5ths) produces the reports of past periods.
// A person can also start it by hand (`temporal workflow start --type rollupWorkflow`).
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { ApplicationFailure, patched, proxyActivities, type ActivityOptions, setCurrentDetails, workflowInfo } from '@temporalio/workflow';
import { z } from 'zod';
import { RollupInput, type RollupResult } from './definitions';
import type { RollupActivities } from '../../activities/rollup';
import { periodLabel, previousPeriod, reportName, ROLLUP_TITLES, rollupStats, type Period, type RollupStats } from '../../domain/rules/rollup-stats';
import { inScript, type Script } from '../../domain/script';
import { label as enLabelOf } from '../../domain/labels';
import { formatLocalFull } from '../../domain/rules/deadlines';
import { assess } from '../../domain/rules/assessment';

/** the monthly report carries the 考核情况 (domain/rules/assessment.ts) from here on */
const ASSESSMENT_PATCH = 'assessment-in-monthly-report';

/** Set by the Schedule on every run it starts, the backfilled time included. */
const SCHEDULED_START = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

const OPTIONS = {
  // one pass over visibility and the archive; a big month on a busy server may take minutes
  gatherIncidents: { startToCloseTimeout: '10m', heartbeatTimeout: '1m', retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '5m', maximumAttempts: 10 } },
  renderRollup: { startToCloseTimeout: '1m', retry: { initialInterval: '1s', maximumInterval: '30s', maximumAttempts: 10 } },
} satisfies Record<keyof RollupActivities, ActivityOptions>;

function activity<K extends keyof RollupActivities>(name: K, [zh, en]: [string, string], script: Script): RollupActivities[K] {
  return proxyActivities<RollupActivities>({ ...OPTIONS[name], summary: inScript(zh, script, en) })[name];
}

/** The period as the English summaries name it: `2026-11`, `2026-11-16 to 2026-11-22` (local dates). */
function englishPeriod(p: Period, utcOffsetMinutes: number): string {
  const day = (ms: number) => formatLocalFull(ms, { utcOffsetMinutes }).slice(0, 10);
  return p.kind === 'monthly' ? day(Date.parse(p.from)).slice(0, 7) : `${day(Date.parse(p.from))} to ${day(Date.parse(p.to) - 1)}`;
}

export async function rollupWorkflow(raw: RollupInput): Promise<RollupResult> {
  const parsed = RollupInput.safeParse(raw);
  if (!parsed.success) throw ApplicationFailure.nonRetryable(`invalid roll-up input: ${z.prettifyError(parsed.error)}`, 'InvalidRollupInput');
  const input = parsed.data;
  const offset = input.utcOffsetMinutes;
  const info = workflowInfo();
  const at = input.at ? Date.parse(input.at) : (info.typedSearchAttributes.get(SCHEDULED_START) ?? info.startTime).getTime();
  const period = previousPeriod(input.kind, at, offset);
  const title = ROLLUP_TITLES[input.kind];
  const label = periodLabel(period, offset);

  const { script } = input;
  const titleEn = enLabelOf('officialDocument', input.kind, 'en');
  const periodEn = englishPeriod(period, offset);
  const details = (zh: string, en: string) => setCurrentDetails(inScript(`**${title}** ${label}\n\n${zh}`, script, `**${titleEn}** ${periodEn}\n\n${en}`));
  details('汇集事件中', 'Gathering the incidents');
  const gathered = await activity('gatherIncidents', [`汇集 ${label} 发现的事件`, `Gather the incidents found ${periodEn}`], script)({ period });
  const stats = rollupStats(gathered.rows);
  const counted = (zh: string, en: string): [string, string] => [`共 ${stats.total} 件，处置中 ${stats.byStatus.open} 件${zh}`, `${stats.total} incidents, ${stats.byStatus.open} open${en}`];
  details(...counted('；生成报告中', '; writing the report'));
  const name = reportName(period, offset);
  const assessment =
    input.kind === 'monthly' && gathered.assessed && patched(ASSESSMENT_PATCH)
      ? assess(gathered.assessed, { name: name.slice('monthly-'.length), kind: 'month', from: period.from, to: period.to }, offset)
      : undefined;
  const paths = await activity('renderRollup', [`生成${title} ${label}`, `Write the ${titleEn.toLowerCase()} ${periodEn}`], script)({
    name,
    title,
    label,
    period,
    stats,
    rows: gathered.rows,
    unreadable: gathered.unreadable,
    ...(assessment ? { assessment } : {}),
  });
  details(...counted('\n\n报告已生成（网页版、Markdown）', '\n\nReport written (web page, Markdown)'));
  return { name, title, label, period, stats, unreadable: gathered.unreadable.length, paths };
}
