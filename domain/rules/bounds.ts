// Bounds on a value anyone may send (an HTTP body, a signal payload), checked without recursion, so
// nothing that walks it recursively afterwards (zod, JSON.stringify, a hash) can overflow the stack.
export interface Bounds {
  /** how deep objects and arrays may nest: one at this depth or below breaks it */
  depth: number;
  nodes?: number;
  /** characters in all strings and keys together */
  text?: number;
}

export interface BrokenBound {
  rule: 'depth' | 'nodes' | 'text';
  limit: number;
}

/** The first bound `value` breaks; undefined when it keeps them all. */
export function brokenBound(value: unknown, bounds: Bounds): BrokenBound | undefined {
  const { depth: maxDepth, nodes: maxNodes = Infinity, text: maxText = Infinity } = bounds;
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  let nodes = 0;
  let text = 0;
  while (stack.length) {
    const next = stack.pop()!;
    if (++nodes > maxNodes) return { rule: 'nodes', limit: maxNodes };
    if (typeof next.value === 'string') text += next.value.length;
    if (text > maxText) return { rule: 'text', limit: maxText };
    if (next.value === null || typeof next.value !== 'object') continue;
    if (next.depth >= maxDepth) return { rule: 'depth', limit: maxDepth };
    for (const [key, child] of Object.entries(next.value)) {
      text += key.length;
      stack.push({ value: child, depth: next.depth + 1 });
    }
  }
  return undefined;
}
