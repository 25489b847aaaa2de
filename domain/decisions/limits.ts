// What a decision payload may be before anything walks it recursively (schema, hash, signature):
// anyone who can reach Temporal can send a signal, and a payload nested 100,000 levels deep once
// overflowed the stack on every replay of the workflow task, wedging the incident for good.
const MAX_DEPTH = 8;
const MAX_NODES = 4_000;
const MAX_TEXT = 120_000;

/** Iterative, so it cannot overflow whatever it is given; undefined when within bounds. */
export function payloadProblem(raw: unknown): string | undefined {
  const stack: { value: unknown; depth: number }[] = [{ value: raw, depth: 0 }];
  let nodes = 0;
  let text = 0;
  while (stack.length) {
    const { value, depth } = stack.pop()!;
    if (++nodes > MAX_NODES) return `超過 ${MAX_NODES} 個欄位`;
    if (typeof value === 'string') text += value.length;
    if (text > MAX_TEXT) return `文字超過 ${MAX_TEXT} 字`;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_DEPTH) return `巢狀超過 ${MAX_DEPTH} 層`;
    for (const [key, child] of Object.entries(value)) {
      text += key.length;
      stack.push({ value: child, depth: depth + 1 });
    }
  }
  return undefined;
}
