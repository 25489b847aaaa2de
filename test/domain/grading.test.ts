import { describe, expect, it } from 'vitest';
import { defaultGrading } from '../../config/policy';
import { Metrics, Sensitivity, type Severity } from '../../domain/model/schema';
import { grade, maxSeverity, RESPONSE_LEVEL_LABELS, responseLevel, SEVERITY_LABELS, severityRank } from '../../domain/rules/grading';

const t = defaultGrading();
const g = (m: Partial<Metrics>, s: Partial<Sensitivity> = {}) => grade(Metrics.parse(m), Sensitivity.parse(s), t);

describe('grade: each threshold one below and at', () => {
  it.each<[string, Partial<Metrics>, Severity, Severity]>([
    ['critical views', { views: 3000 }, 'major', 'critical'],
    ['critical comments', { comments: 500 }, 'major', 'critical'],
    ['critical mainstream sites', { mainstreamSites: 5 }, 'major', 'critical'],
    ['major views', { views: 1000 }, 'significant', 'major'],
    ['major comments', { comments: 100 }, 'significant', 'major'],
    ['significant comments', { comments: 50 }, 'general', 'significant'],
    ['significant views', { views: 500 }, 'general', 'significant'],
  ])('%s', (_name, atThreshold, below, at) => {
    const [key, value] = Object.entries(atThreshold)[0] as [keyof Metrics, number];
    expect(g({ [key]: value - 1 })).toBe(below);
    expect(g({ [key]: value })).toBe(at);
  });

  it('one to four mainstream sites are major, none is not', () => {
    expect(g({ mainstreamSites: 0 })).toBe('general');
    expect(g({ mainstreamSites: 1 })).toBe('major');
    expect(g({ mainstreamSites: 4 })).toBe('major');
  });

  it('mainstream media involvement is major', () => {
    expect(g({ mainstreamMedia: true })).toBe('major');
    expect(g({ mainstreamMedia: false })).toBe('general');
  });

  it('a sensitive topic is critical only with casualties or serious impact', () => {
    expect(g({}, { topics: ['food'], seriousImpact: true })).toBe('critical');
    expect(g({}, { topics: ['food'], seriousImpact: false })).toBe('general');
    expect(g({}, { topics: [], seriousImpact: true })).toBe('general');
    expect(g({ comments: 60 }, { topics: ['health'] })).toBe('significant');
  });

  it('uses the thresholds it is given, not the defaults', () => {
    const strict = { ...t, significant: { views: 100, comments: 10 } };
    expect(grade(Metrics.parse({ comments: 10 }), Sensitivity.parse({}), strict)).toBe('significant');
  });
});

describe('severity helpers', () => {
  it('ranks, compares and maps to response levels', () => {
    expect(['general', 'significant', 'major', 'critical'].map((s) => severityRank(s as Severity))).toEqual([0, 1, 2, 3]);
    expect(maxSeverity('major', 'significant')).toBe('major');
    expect(maxSeverity('significant', 'critical')).toBe('critical');
    expect(responseLevel('critical')).toBe('I');
    expect(responseLevel('major')).toBe('II');
    expect(responseLevel('significant')).toBe('III');
    expect(responseLevel('general')).toBe('routine');
    expect(SEVERITY_LABELS).toEqual({ general: '一般', significant: '较大', major: '重大', critical: '特别重大' });
    expect(RESPONSE_LEVEL_LABELS.I).toBe('一级响应');
  });
});
