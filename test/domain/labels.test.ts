// The one label table: complete for every code in all three languages, each script really the
// script it claims to be, and no label kept as a second copy anywhere in the code.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LANG, label, LABELS, LANGS, labelsOf, type Label, type Section } from '../../domain/labels';
import {
  ACTION_KINDS,
  CATEGORIES,
  CHANNELS,
  DEADLINE_KINDS,
  DurationSpec,
  RECIPIENTS,
  RELEASE_KINDS,
  REPORT_DOCUMENTS,
  REPORT_KINDS,
  RESPONSE_KINDS,
  ROLES,
  SENSITIVE_TOPICS,
  SEVERITIES,
  STEPS,
  VERDICTS,
} from '../../domain/model/schema';
import { DECISION_NAMES, DECISIONS } from '../../domain/decisions/index';

const ROOT = join(import.meta.dirname, '../..');
const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
const toTraditional = OpenCC.Converter({ from: 'cn', to: 't' });
const CJK = /[\u4e00-\u9fff]/;

const entries = (section: Section): [string, Label][] => Object.entries(LABELS[section]) as [string, Label][];
const allEntries = (Object.keys(LABELS) as Section[]).flatMap((section) => entries(section).map(([key, l]) => [section, key, l] as const));

describe('the label table', () => {
  it('has a label for every code the schema knows', () => {
    const codes: Partial<Record<Section, readonly string[]>> = {
      severity: SEVERITIES,
      category: CATEGORIES,
      channel: CHANNELS,
      sensitiveTopic: SENSITIVE_TOPICS,
      step: STEPS,
      role: ROLES,
      verdict: VERDICTS,
      action: ACTION_KINDS,
      response: RESPONSE_KINDS,
      release: RELEASE_KINDS,
      deadline: DEADLINE_KINDS,
      reportChannel: DECISIONS.reportFiled.fields.shape.channel.options,
      reportKind: REPORT_KINDS,
      recipient: RECIPIENTS,
      reportDocument: REPORT_DOCUMENTS,
      durationUnit: DurationSpec.shape.unit.options,
      decision: DECISION_NAMES,
    };
    for (const [section, keys] of Object.entries(codes)) expect(Object.keys(LABELS[section as Section]).sort(), section).toEqual([...keys].sort());
  });

  it('gives every label in all three languages, none empty, Chinese in Chinese and English in English', () => {
    for (const [section, key, l] of allEntries) {
      expect(Object.keys(l).sort(), `${section}.${key}`).toEqual([...LANGS].sort());
      for (const lang of LANGS) expect(l[lang].trim(), `${section}.${key} ${lang}`).toBe(l[lang]);
      for (const lang of LANGS) expect(l[lang], `${section}.${key} ${lang}`).not.toBe('');
      expect(l['zh-Hans'], `${section}.${key}`).toMatch(CJK);
      expect(l['zh-Hant'], `${section}.${key}`).toMatch(CJK);
      expect(l.en, `${section}.${key}`).not.toMatch(CJK);
    }
  });

  it('writes zh-Hans in Simplified characters only', () => {
    const traditional = allEntries.filter(([, , l]) => toSimplified(l['zh-Hans']) !== l['zh-Hans']);
    expect(traditional.map(([s, k, l]) => `${s}.${k}: ${l['zh-Hans']}`)).toEqual([]);
  });

  it('writes zh-Hant in Traditional characters only', () => {
    // character by character, since OpenCC's phrases pick rarer variants (核查 → 覈查); 台 is both the
    // simplified form of 臺 and a Traditional character of its own, as in the plans' 平台
    const simplified = allEntries.filter(([, , l]) => [...l['zh-Hant']].some((c) => c !== '台' && toTraditional(c) !== c));
    expect(simplified.map(([s, k, l]) => `${s}.${k}: ${l['zh-Hant']}`)).toEqual([]);
  });

  it('says the same in both scripts, apart from the words the mainland uses differently', () => {
    const MAINLAND_WORDS: [string, string][] = [['金钥', '密钥']];
    const mainland = (text: string) => MAINLAND_WORDS.reduce((s, [from, to]) => s.replaceAll(from, to), toSimplified(text));
    const apart = allEntries.filter(([, , l]) => mainland(l['zh-Hant']) !== l['zh-Hans']);
    expect(apart.map(([s, k, l]) => `${s}.${k}: ${l['zh-Hant']} / ${l['zh-Hans']}`)).toEqual([]);
  });

  it('answers in the default script unless asked for another', () => {
    expect(DEFAULT_LANG).toBe('zh-Hans');
    expect(label('step', 'monitor')).toBe('舆情监测研判');
    expect(label('step', 'monitor', 'zh-Hant')).toBe('輿情監測研判');
    expect(label('step', 'monitor', 'zh-Hans')).toBe('舆情监测研判');
    expect(label('step', 'monitor', 'en')).toBe('Monitor and assess');
    expect(labelsOf('severity')).toEqual({ general: '一般', significant: '较大', major: '重大', critical: '特别重大' });
    expect(labelsOf('release', 'zh-Hans').facts).toBe('快报事实');
  });
});

/** The text of every string literal and template piece in a source file, comments left out. */
function literals(source: string): string[] {
  const out: string[] = [];
  const token = /\/\/[^\n]*|\/\*[\s\S]*?\*\/|'((?:\\.|[^'\\\n])*)'|"((?:\\.|[^"\\\n])*)"|`((?:\\.|[^`\\])*)`/g;
  for (const m of source.matchAll(token)) {
    const quoted = m[1] ?? m[2];
    if (quoted !== undefined) out.push(quoted);
    // a template's fixed pieces, and the literals inside its ${…} holes
    else if (m[3] !== undefined) {
      out.push(...m[3].split(/\$\{[^}]*\}/));
      for (const hole of m[3].matchAll(/\$\{([^}]*)\}/g)) out.push(...literals(hole[1] ?? ''));
    }
  }
  return out;
}

/** Text between the tags of a page. */
const pageTexts = (html: string): string[] => [...html.matchAll(/>([^<>]+)</g)].map((m) => (m[1] ?? '').trim());

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && /\.(ts|js|cjs|html)$/.test(d.name))
    .map((d) => join(d.parentPath, d.name))
    .filter((path) => path !== join(ROOT, 'domain/labels.ts'));
}

describe('one copy of each label', () => {
  it('keeps no label of a code as a literal outside the table', () => {
    // a whole literal, not a substring: 一般, 答復 or 移送公安機關 are also ordinary words inside a
    // sentence, and a sentence is no copy of a label
    // not releaseStatus, stepChange, timelineKind, notifyEvent or incidentStatus: their words (已發布,
    // 退回修改, 完成, 通知 …) are also the plain words for other things, such as a review's outcome
    const sections: Section[] = ['severity', 'responseLevel', 'category', 'step', 'stepStatus', 'role', 'verdict', 'action', 'channel', 'sensitiveTopic', 'deadline', 'release', 'response', 'reviewStage', 'reportChannel', 'decision'];
    const words = new Map<string, string>();
    for (const section of sections) {
      for (const [key, l] of entries(section)) {
        for (const text of [l['zh-Hant'], l['zh-Hans']]) words.set(text, `${section}.${key}`);
      }
    }
    const copies: string[] = [];
    for (const dir of ['domain', 'workflows', 'activities', 'api']) {
      for (const path of sourceFiles(dir)) {
        const source = readFileSync(path, 'utf8');
        const texts = path.endsWith('.html') ? pageTexts(source) : literals(source);
        for (const text of texts) if (words.has(text)) copies.push(`${relative(ROOT, path)}: '${text}' is ${words.get(text)}`);
      }
    }
    expect(copies).toEqual([]);
  });
});
