// The organisation's hand-edited configuration files (the calendar overrides, the policy): read,
// parsed and checked alike, and whatever is wrong reported one line per problem, each naming the
// file's line, the field and the rule it breaks, so the person who edited it goes straight to it.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ruleWords } from '../domain/rules/issue-words';
import type { ConfigError } from './env';
import { type JsonDocument, type JsonPath, JsonSyntaxError, parseJsonc } from './jsonc';

/** Which file it is, as its errors name it. */
export interface FileKind {
  variable: string;
  en: string;
  zh: string;
  /** a ConfigError: a broken file stops a process's start, and refuses a new incident at run time */
  error: new (message: string) => ConfigError;
}

export interface Problem {
  path: JsonPath;
  message: string;
  /** the other field the rule compares with: pointed at when the file does not write `path` itself */
  related?: JsonPath;
  /** the value at `path` where the file does not write it: a default */
  value?: unknown;
}

/** One rule for both kinds of reader; said once when both words are the same. */
export const bilingual = (en: string, zh: string) => (en === zh ? en : `${en} / ${zh}`);

const field = (path: JsonPath) => (path.length ? path.map(String).join('.') : '(top level)');

function valueAt(data: unknown, path: JsonPath): unknown {
  return path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), data);
}

/** `  file:line: field ("value"): rule`, the value shown where the file writes a plain one. */
function problemLines(file: string, doc: JsonDocument, problems: Problem[]): string[] {
  return problems.map((p) => {
    const where = !doc.has(p.path) && p.related && doc.has(p.related) ? p.related : p.path;
    const written = doc.has(p.path);
    const value = written ? valueAt(doc.value, p.path) : p.value;
    const shown = typeof value === 'string' || typeof value === 'number' ? ` (${JSON.stringify(value)}${written ? '' : ', default / 预设'})` : '';
    return `  ${file}:${doc.lineOf(where)}: ${field(p.path)}${shown}: ${p.message}`;
  });
}

/** The object schema a path leads to, through the wrappers a field may carry. */
function schemaAt(schema: z.ZodType, path: JsonPath): z.ZodType | undefined {
  let s: z.ZodType | undefined = schema;
  let i = 0;
  while (s) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
    else if (i === path.length) return s;
    else if (s instanceof z.ZodObject) s = s.shape[String(path[i++])] as z.ZodType | undefined;
    else if (s instanceof z.ZodArray) {
      s = s.element as z.ZodType;
      i++;
    } else return undefined;
  }
  return undefined;
}

/** The file's content checked against its schema: its data, or every problem in both languages. */
function schemaProblems<S extends z.ZodType>(schema: S, value: unknown): { data: z.infer<S> } | { problems: Problem[] } {
  // the input on each issue lets the Chinese words tell a missing value from a wrong one
  const en = schema.safeParse(value, { reportInput: true });
  if (en.success) return { data: en.data };
  return {
    problems: en.error.issues.flatMap((issue): Problem[] => {
      if (issue.code !== 'unrecognized_keys') return [{ path: issue.path, message: bilingual(issue.message, ruleWords(issue)) }];
      const at = schemaAt(schema, issue.path);
      const allowed = at instanceof z.ZodObject ? Object.keys(at.shape).join(', ') : '';
      return issue.keys.map((key) => ({
        path: [...issue.path, key],
        message: bilingual(`unknown field; allowed fields are ${allowed}`, `没有这个栏位；可用的栏位：${allowed}`),
      }));
    }),
  };
}

export function parseConfigFile(kind: FileKind, file: string, raw: string): JsonDocument {
  try {
    return parseJsonc(raw);
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    throw new kind.error(`${file}:${e.line}: not valid JSON (${e.message}) / 不是有效的 JSON`);
  }
}

export function readConfigFile(kind: FileKind, file: string): JsonDocument {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (e) {
    throw new kind.error(`${file}: cannot read the ${kind.en} (${kind.variable}): ${(e as Error).message} / 无法读取${kind.zh}`);
  }
  return parseConfigFile(kind, file, raw);
}

export function rejectConfigFile(kind: FileKind, file: string, doc: JsonDocument, problems: Problem[]): never {
  throw new kind.error(`invalid ${kind.en} (${kind.variable}) / ${kind.zh}有误:\n${problemLines(file, doc, problems).join('\n')}`);
}

/**
 * The file's content as its schema reads it, or the error listing every problem; `value` when what
 * is checked is made from the file (merged over defaults), its paths still the file's own.
 */
export function checkConfigFile<S extends z.ZodType>(kind: FileKind, file: string, doc: JsonDocument, schema: S, value: unknown = doc.value): z.infer<S> {
  const checked = schemaProblems(schema, value);
  if ('problems' in checked) rejectConfigFile(kind, file, doc, checked.problems);
  return checked.data;
}
