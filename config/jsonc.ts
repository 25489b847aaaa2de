// The organisation's configuration files are JSON edited by hand: comments (// and /* */) and a
// trailing comma are allowed, every value keeps the place it was written, so a wrong one is reported
// at its line, and a field written twice is an error (JSON.parse would silently keep the last one).

export type JsonPath = readonly PropertyKey[];

export class JsonSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

export interface JsonDocument {
  value: unknown;
  /** whether the file itself writes a value at `path` (a default does not count) */
  has(path: JsonPath): boolean;
  /** the line of the value at `path` (of its key, for a field), else of the nearest value around it that the file writes */
  lineOf(path: JsonPath): number;
}

const SPACE = /(?:\s|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;

const pathKey = (path: JsonPath) => path.map(String).join('\u0000');

export function lineAt(raw: string, offset: number): number {
  let line = 1;
  for (let i = raw.indexOf('\n'); i >= 0 && i < offset; i = raw.indexOf('\n', i + 1)) line++;
  return line;
}

class Reader {
  at = 0;
  /** where each value starts, by path; a field's is where its key starts */
  readonly places = new Map<string, number>();

  constructor(readonly raw: string) {}

  fail(message: string, at = this.at): never {
    throw new JsonSyntaxError(lineAt(this.raw, at), message);
  }

  token(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.at;
    const match = pattern.exec(this.raw);
    if (!match) return undefined;
    this.at = pattern.lastIndex;
    return match[0];
  }

  next(): string | undefined {
    this.token(SPACE);
    if (this.raw.startsWith('/*', this.at)) this.fail('a /* comment is not closed');
    return this.raw[this.at];
  }

  value(path: JsonPath): unknown {
    const c = this.next();
    if (!this.places.has(pathKey(path))) this.places.set(pathKey(path), this.at);
    if (c === '{') return this.object(path);
    if (c === '[') return this.array(path);
    const text = this.token(STRING) ?? this.token(NUMBER) ?? this.token(LITERAL);
    if (text !== undefined) return JSON.parse(text);
    if (c === '"') this.fail('a string is not closed on its line, or holds a control character');
    this.fail(c === undefined ? 'the file ends where a value should be' : `unexpected ${JSON.stringify(c)} where a value should be`);
  }

  object(path: JsonPath): Record<string, unknown> {
    const object: Record<string, unknown> = {};
    this.at++;
    for (;;) {
      if (this.next() === '}') break;
      const keyAt = this.at;
      const key = this.token(STRING);
      if (key === undefined) this.fail('expected a field name in double quotes, or }');
      const name = JSON.parse(key) as string;
      if (Object.hasOwn(object, name)) this.fail(`field ${key} is written twice`, keyAt);
      this.places.set(pathKey([...path, name]), keyAt);
      if (this.next() !== ':') this.fail(`expected : after ${key}`);
      this.at++;
      // defined, not assigned: a field named __proto__ stays a field, and the schema then refuses it
      Object.defineProperty(object, name, { value: this.value([...path, name]), enumerable: true, writable: true, configurable: true });
      const after = this.next();
      if (after === '}') break;
      if (after !== ',') this.fail(`expected , or } after the value of ${key}`);
      this.at++;
    }
    this.at++;
    return object;
  }

  array(path: JsonPath): unknown[] {
    const array: unknown[] = [];
    this.at++;
    for (;;) {
      if (this.next() === ']') break;
      array.push(this.value([...path, array.length]));
      const after = this.next();
      if (after === ']') break;
      if (after !== ',') this.fail('expected , or ] after a list item');
      this.at++;
    }
    this.at++;
    return array;
  }
}

/** Throws JsonSyntaxError with the line of the first mistake. */
export function parseJsonc(raw: string): JsonDocument {
  const reader = new Reader(raw);
  const value = reader.value([]);
  if (reader.next() !== undefined) reader.fail('more text after the end of the document');
  const { places } = reader;
  return {
    value,
    has: (path) => places.has(pathKey(path)),
    lineOf(path) {
      for (let n = path.length; n > 0; n--) {
        const at = places.get(pathKey(path.slice(0, n)));
        if (at !== undefined) return lineAt(raw, at);
      }
      return lineAt(raw, places.get('') ?? 0);
    },
  };
}
