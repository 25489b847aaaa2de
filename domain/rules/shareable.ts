// Lets a preloaded module (workers/bundle.ts PRELOADED_MODULES) export zod schemas. The SDK
// deep-freezes what a preloaded module exports, to keep one workflow from changing what the next
// one sees, and zod cannot parse with a deep-frozen schema: it binds a method to the schema on its
// first read ("Cannot define property safeParse, object is not extensible"), caches derived values
// in its internals, and resets the `lastIndex` of every pattern before testing a string with it.
// The SDK's freeze does not descend into an object that is frozen already, so each exported schema
// is frozen here, shallowly, once its methods are bound: the schema itself can no longer change,
// and below it zod writes only its caches and pattern positions, the same whichever workflow parses.

/** Freezes each value with its inherited getters (zod's lazily bound methods) read, so they are own properties first. */
export function freezeShallow(values: readonly object[]): void {
  for (const value of values) {
    for (let proto = Object.getPrototypeOf(value); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
      for (const key of Reflect.ownKeys(proto)) {
        if (Object.getOwnPropertyDescriptor(proto, key)?.get) void (value as Record<PropertyKey, unknown>)[key];
      }
    }
    Object.freeze(value);
  }
}
