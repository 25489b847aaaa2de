// How the command-line tools reach the API: over HTTP with a person's API token, so what they send
// is authenticated, checked and signed exactly as from the web page (nothing goes to Temporal
// directly). Failures come back as the API's {error:{code,message,issues}} and are shown as such.
import { z } from 'zod';
import { ConfigError } from '../../config/env';
import { table } from './table';

/** 0 done; 1 the API refused; 2 wrong usage or settings; 3 the API (or Temporal behind it) unavailable */
export const EXIT = { ok: 0, refused: 1, usage: 2, unavailable: 3 } as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export interface ApiFailure {
  status: number;
  code: string;
  message: string;
  issues?: { field: string; rule: string }[];
}

export class ApiError extends Error {
  constructor(readonly failure: ApiFailure) {
    super(`${failure.status} ${failure.code}: ${failure.message}`);
  }
}

const CliEnv = z.object({
  YUQING_API_URL: z.url().default('http://127.0.0.1:3000'),
  YUQING_API_TOKEN: z.string().trim().min(1, 'must not be empty').optional(),
});

export interface ApiSettings {
  baseUrl: string;
  token: string;
}

/** --url and --token win over YUQING_API_URL and YUQING_API_TOKEN; each is checked under its own name. */
export function apiSettings(flags: { url?: string; token?: string }, source: NodeJS.ProcessEnv = process.env): ApiSettings {
  const env = CliEnv.safeParse(source);
  const given = z.object({ '--url': z.url().optional(), '--token': z.string().trim().min(1, 'must not be empty').optional() }).safeParse({ '--url': flags.url, '--token': flags.token });
  const issues = [...(env.error?.issues ?? []), ...(given.error?.issues ?? [])];
  if (issues.length) throw new CliError(`invalid settings:\n${issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`, EXIT.usage);
  const token = given.data?.['--token'] ?? env.data?.YUQING_API_TOKEN;
  if (!token) throw new CliError('no API token: pass --token <token> or set YUQING_API_TOKEN (each user has one; the demo users\' were printed at the first start)', EXIT.usage);
  return { baseUrl: (given.data?.['--url'] ?? env.data!.YUQING_API_URL).replace(/\/+$/, ''), token };
}

export type Api = <T = any>(method: 'GET' | 'POST', path: string, body?: unknown) => Promise<T>;

export function apiClient({ baseUrl, token }: ApiSettings): Api {
  return async (method, path, body) => {
    let res: Response;
    try {
      res = await fetch(baseUrl + path, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      const why = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
      throw new CliError(`cannot reach the API at ${baseUrl} (${why}); is it running? (npm start, or set YUQING_API_URL)`, EXIT.unavailable);
    }
    const text = await res.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!res.ok) {
      const e = json?.error;
      throw new ApiError({ status: res.status, code: e?.code ?? 'http-error', message: e?.message ?? (text.slice(0, 200) || res.statusText), issues: e?.issues });
    }
    return json;
  };
}

export function describeFailure(f: ApiFailure): string {
  const head = `${f.status >= 500 ? 'failed' : 'refused'} (${f.status} ${f.code}): ${f.message}`;
  return f.issues?.length ? `${head}\n${table(['field', 'rule'], f.issues.map((i) => [i.field, i.rule]))}` : head;
}

/** Runs a command and leaves with its exit code, explaining a failure on stderr instead of a stack trace. */
export async function runCli(main: () => Promise<number>): Promise<never> {
  let code: number;
  try {
    code = await main();
  } catch (error) {
    if (error instanceof CliError || error instanceof ConfigError) {
      console.error(error.message);
      code = error instanceof CliError ? error.exitCode : EXIT.usage;
    } else if (error instanceof ApiError) {
      console.error(describeFailure(error.failure));
      code = error.failure.status >= 500 ? EXIT.unavailable : EXIT.refused;
    } else {
      throw error;
    }
  }
  process.exit(code);
}
