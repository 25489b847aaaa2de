// The script an organisation reads its incidents in. Yuqing composes its own words in Simplified
// Chinese or in English; an organisation that files in Traditional gets every Chinese text an
// incident writes (timeline, notices, the Temporal UI's summaries and details, the documents)
// converted where it is written, so a run keeps one script from its first entry to its archive.
// Deterministic and pure: workflow code converts with it too.
import * as OpenCC from 'opencc-js/cn2t';
import type { Lang } from './labels';

/** the scripts an incident's texts can be written in: the organisation's one setting */
export type Script = Lang;

/**
 * Words the character-level conversion renders in a variant the label table's zh-Hant column does
 * not use (发布 → 發佈, 答复 → 答覆, 汇报 → 彙報): converted texts then say what the labels say.
 */
const PLAN_WORDS = '發佈→發布 答覆→答復 平臺→平台 彙報→匯報 週報→周報 密鑰→金鑰'.split(' ').map((pair) => pair.split('→') as [string, string]);

let toTraditional: ((text: string) => string) | undefined;

/** the conversion's dictionaries take a few hundred milliseconds to build: only a Traditional run pays, once per worker thread */
function traditional(text: string): string {
  toTraditional ??= OpenCC.Converter({ from: 'cn', to: 'tw' });
  return PLAN_WORDS.reduce((s, [from, to]) => s.replaceAll(from, to), toTraditional(text));
}

/** The script of an organisation that reads `lang`. */
export const scriptOf = (lang: Lang): Script => lang;

/**
 * Yuqing's words in `script`: the English wording for an English organisation, otherwise the
 * Simplified one, converted for a Traditional one. A text composed already in the right language
 * (`wording` below) passes with `en` left out.
 */
export function inScript(zh: string, script: Script, en?: string): string {
  if (script === 'en') return en ?? zh;
  return script === 'zh-Hant' ? traditional(zh) : zh;
}

/**
 * The composer's choice between two wordings of one text, for code that builds a text before it is
 * written (details, notices, documents): the Traditional comes later, from converting the Simplified.
 */
export const wording =
  (script: Script) =>
  (zh: string, en: string): string =>
    script === 'en' ? en : zh;

/** An incident's script: incidents started before Simplified became the default go on in Traditional. */
export const scriptOfState = (s: { script?: Script }): Script => s.script ?? 'zh-Hant';

/** Yuqing's words as the incident writes them. */
export const written = (s: { script?: Script }, zh: string, en?: string): string => inScript(zh, scriptOfState(s), en);
