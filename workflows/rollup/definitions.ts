// The roll-up workflow's name, input and result, shared with the Schedules, the API and tests.
import { z } from 'zod';
import { LANGS } from '../../domain/labels';
import { DEFAULT_UTC_OFFSET_MINUTES } from '../../domain/rules/calendar';
import type { Period, RollupStats } from '../../domain/rules/rollup-stats';

export const ROLLUP_WORKFLOW = 'rollupWorkflow';

export const RollupInput = z.object({
  kind: z.enum(['weekly', 'monthly']),
  /** the organisation's local days: Asia/Shanghai by default */
  utcOffsetMinutes: z.number().int().min(-720).max(840).default(DEFAULT_UTC_OFFSET_MINUTES),
  /** a run by hand reports on the period before this instant; a scheduled run uses its scheduled time */
  at: z.iso.datetime({ offset: true }).optional(),
  /** the organisation's script for the run's Temporal texts */
  script: z.enum(LANGS).default('zh-Hans'),
});
export type RollupInput = z.input<typeof RollupInput>;

export interface RollupResult {
  name: string;
  title: string;
  label: string;
  period: Period;
  stats: RollupStats;
  unreadable: number;
  /** docx and number absent in reports rendered before Word files were written */
  paths: { markdown: string; html: string; docx?: string; number?: string };
}
