// Severity (SPEC §3): a pure function of the metrics and the sensitivity flags, so the workflow can
// run it at start and again on every metrics update and always reach the same grade on replay.
import { labelsOf } from '../labels';
import type { GradingThresholds, Metrics, Sensitivity, Severity } from '../model/schema';

export type ResponseLevel = 'I' | 'II' | 'III' | 'routine';

export const SEVERITY_LABELS: Record<Severity, string> = labelsOf('severity');

export const RESPONSE_LEVEL_LABELS: Record<ResponseLevel, string> = labelsOf('responseLevel');

const RANK: Record<Severity, number> = { general: 0, significant: 1, major: 2, critical: 3 };

const LEVEL: Record<Severity, ResponseLevel> = { general: 'routine', significant: 'III', major: 'II', critical: 'I' };

/** Any one condition is enough; the highest level reached wins. */
export function grade(metrics: Metrics, sensitive: Sensitivity, thresholds: GradingThresholds): Severity {
  const { views, comments, mainstreamSites, mainstreamMedia } = metrics;
  const c = thresholds.critical;
  if (views >= c.views || comments >= c.comments || mainstreamSites >= c.mainstreamSites) return 'critical';
  // a flagged topic alone is not enough: the plans require casualties or serious social impact too
  if (sensitive.topics.length > 0 && sensitive.seriousImpact) return 'critical';
  const m = thresholds.major;
  if (views >= m.views || comments >= m.comments || mainstreamSites >= m.mainstreamSites || mainstreamMedia) return 'major';
  const s = thresholds.significant;
  if (comments >= s.comments || views >= s.views) return 'significant';
  return 'general';
}

export function severityRank(s: Severity): number {
  return RANK[s];
}

export function maxSeverity(a: Severity, b: Severity): Severity {
  return RANK[b] > RANK[a] ? b : a;
}

export function responseLevel(s: Severity): ResponseLevel {
  return LEVEL[s];
}
