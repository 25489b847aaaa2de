// The form's rules in plain Chinese (domain/rule-words.ts), and the ones the API words itself.
// English clients keep zod's English messages and ours, which scripts may match on.
import { NOT_IN_FUTURE } from './future-times';

export { chineseRules } from '../domain/rule-words';

/** Our own rules, written in English where they are defined (refinements). */
const OWN_RULES: Record<string, string> = {
  [NOT_IN_FUTURE]: '不能晚於現在',
};

/** Rules a schema words itself (refinements, regex messages) bypass any error map: translated here. */
export function ownRuleInChinese(rule: string): string {
  return OWN_RULES[rule] ?? rule;
}
