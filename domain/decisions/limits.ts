// What a decision payload may be before anything walks it recursively (schema, hash, signature):
// anyone who can reach Temporal can send a signal, and a payload nested 100,000 levels deep once
// overflowed the stack on every replay of the workflow task, wedging the incident for good.
import { brokenBound } from '../rules/bounds';
import { DEFAULT_LANG, type Lang } from '../labels';
import { wording } from '../script';

const DECISION_BOUNDS = { depth: 8, nodes: 4_000, text: 120_000 };

const WORDS = {
  depth: (n: number) => [`巢状超过 ${n} 层`, `nested deeper than ${n} levels`] as const,
  nodes: (n: number) => [`超过 ${n} 个栏位`, `more than ${n} fields`] as const,
  text: (n: number) => [`文字超过 ${n} 字`, `text longer than ${n} characters`] as const,
};

/** Undefined when within bounds; otherwise which bound it breaks, in words. */
export function payloadProblem(raw: unknown, lang: Lang = DEFAULT_LANG): string | undefined {
  const broken = brokenBound(raw, DECISION_BOUNDS);
  if (!broken) return undefined;
  const [zh, en] = WORDS[broken.rule](broken.limit);
  return wording(lang)(zh, en);
}
