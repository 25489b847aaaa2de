// How a bad field reads for a person: 「标题：不能为空」, not "invalid decision: title" nor zod's
// 「数值过小：预期 string 应为 >=1 字元」. One mapping from zod's issues (their code, bounds and input)
// to the field's name and the rule's plain words, both from the label table, used wherever input is
// refused: the API's 400s (incident form, decisions, filters) and the workflow's own admission. The
// issue keeps its machine-readable `field` (the path) and `rule` (zod's or our English sentence).
import type { z } from 'zod';
import { DEFAULT_LANG, type Label, type Lang, LABELS, type Section, type ValidationRule } from '../labels';

export interface FieldIssue {
  /** the path, dotted (`metrics.views`, `sourceUrls.0`), or `(body)` */
  field: string;
  /** the broken rule in English as the schema states it: stable for scripts */
  rule: string;
  /** for a person: the field's name and the rule in plain words, in the language asked for */
  message: string;
}

type Issue = z.core.$ZodIssue & { input?: unknown };

const words = (key: ValidationRule, lang: Lang, fill: Record<string, string | number> = {}) =>
  LABELS.validation[key][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(fill[name] ?? ''));

const listJoin = (lang: Lang) => (lang === 'en' ? ', ' : '、');

/** The English sentences our own refinements use are the English of a validation label: translated back by it. */
function ownRule(message: string, lang: Lang): string | undefined {
  const key = (Object.keys(LABELS.validation) as ValidationRule[]).find((k) => LABELS.validation[k].en === message);
  return key && words(key, lang);
}

/** An enum's values as people read them: from the label section whose codes they are, when one is. */
const ENUM_SECTIONS: Section[] = ['severity', 'category', 'channel', 'sensitiveTopic', 'verdict', 'action', 'response', 'release', 'reportChannel', 'role', 'step'];
function valueWords(values: readonly unknown[], lang: Lang): string {
  const codes = values.map(String);
  const section = ENUM_SECTIONS.find((s) => codes.every((c) => Object.hasOwn(LABELS[s], c)));
  const table = section ? (LABELS[section] as Record<string, Label>) : undefined;
  return codes.map((c) => table?.[c]?.[lang] ?? c).join(listJoin(lang));
}

const absent = (input: unknown) => input === undefined || input === null;

/** The rule an issue breaks, in plain words (without the field's name). */
export function ruleWords(issue: Issue, lang: Lang = DEFAULT_LANG): string {
  switch (issue.code) {
    case 'invalid_type':
      if (absent(issue.input)) return words('required', lang);
      if (issue.expected === 'int') return words('integer', lang);
      if (issue.expected === 'number') return words('number', lang);
      if (issue.expected === 'string') return words('text', lang);
      if (issue.expected === 'boolean') return words('boolean', lang);
      if (issue.expected === 'array') return words('list', lang);
      return words('format', lang);
    case 'invalid_value':
      return absent(issue.input) ? words('required', lang) : words('oneOf', lang, { values: valueWords(issue.values, lang) });
    case 'too_small': {
      const n = Number(issue.minimum);
      if (issue.origin === 'string') return n <= 1 ? words('empty', lang) : words('minChars', lang, { n });
      if (issue.origin === 'array' || issue.origin === 'set') return words('minItems', lang, { n });
      return words(issue.inclusive ? 'atLeast' : 'above', lang, { n });
    }
    case 'too_big': {
      const n = Number(issue.maximum);
      if (issue.origin === 'string') return words('maxChars', lang, { n });
      if (issue.origin === 'array' || issue.origin === 'set') return words('maxItems', lang, { n });
      return words(issue.inclusive ? 'atMost' : 'below', lang, { n });
    }
    case 'invalid_format':
      if (issue.format === 'url') return words('url', lang);
      if (issue.format === 'datetime') return words('datetime', lang);
      if (issue.format === 'date') return words('date', lang);
      return ownRule(issue.message, lang) ?? words('format', lang);
    case 'unrecognized_keys':
      return words('unknownKeys', lang, { keys: issue.keys.join(listJoin(lang)) });
    case 'custom':
      return ownRule(issue.message, lang) ?? words('invalid', lang);
    default:
      return words('invalid', lang);
  }
}

/** A field's name by its path: `metrics.views` → 浏览量, `sourceUrls.0` → 来源链接第 1 项; unknown paths as they are. */
export function fieldName(field: string, lang: Lang = DEFAULT_LANG): string {
  const path = field.split('.');
  const items = path.filter((p) => /^\d+$/.test(p)).map((p) => words('item', lang, { n: Number(p) + 1 }));
  const named = path.filter((p) => !/^\d+$/.test(p));
  const labels = LABELS.field as Record<string, Label>;
  // the longest known prefix names it (metrics.views, not metrics)
  for (let end = named.length; end > 0; end--) {
    const known = labels[named.slice(0, end).join('.')];
    if (known) return [known[lang], ...named.slice(end), ...items].join(lang === 'en' ? ' ' : '');
  }
  return field;
}

/** 「标题：不能为空」 / "Title: must not be empty" */
export function fieldMessage(field: string, rule: string, lang: Lang = DEFAULT_LANG): string {
  return `${fieldName(field, lang)}${lang === 'en' ? ': ' : '：'}${rule}`;
}

/** zod's issues as the API and the workflow report them. Parse with `reportInput: true`, so an absent value reads 必填. */
export function fieldIssues(error: z.ZodError, lang: Lang = DEFAULT_LANG): FieldIssue[] {
  return (error.issues as Issue[]).map((i) => {
    const field = i.path.join('.') || '(body)';
    return { field, rule: i.message, message: fieldMessage(field, ruleWords(i, lang), lang) };
  });
}

/** Several issues in one line, for where only one message fits. */
export function issuesText(issues: readonly FieldIssue[], lang: Lang = DEFAULT_LANG): string {
  return issues.map((i) => i.message).join(lang === 'en' ? '; ' : '；');
}
