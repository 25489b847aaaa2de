// Brings both Temporal databases to the schema of the server version in use, with the server's own
// temporal-sql-tool and the schema files of the server's Go module. Every step is idempotent:
// create-database ignores an existing database, setup-schema -v 0.0 only creates the version
// tables if they are missing, and update-schema applies only the versions not yet applied.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SERVER_VERSION } from './binaries';
import type { PgTarget } from './settings';

const exec = promisify(execFile);

export class SchemaError extends Error {}

export interface SchemaOptions {
  sqlTool: string;
  target: PgTarget;
  /** folder holding postgresql/v12/{temporal,visibility}/versioned (TEMPORAL_SCHEMA_DIR or the Go module) */
  schemaDir: string;
  log: (line: string) => void;
}

/** The versions applied to each database by this call: none when it was already up to date. */
export type SchemaReport = Record<'temporal' | 'visibility', { applied: string[] }>;

export async function ensureSchemas(o: SchemaOptions): Promise<SchemaReport> {
  const report = {} as SchemaReport;
  for (const [kind, database] of [['temporal', o.target.database], ['visibility', o.target.visibilityDatabase]] as const) {
    const versioned = join(o.schemaDir, 'postgresql', 'v12', kind, 'versioned');
    if (!existsSync(versioned)) throw new SchemaError(`no schema files in ${versioned}`);
    await sqlTool(o, database, ['create-database', '--defaultdb', 'postgres']);
    await sqlTool(o, database, ['setup-schema', '-v', '0.0']);
    const output = await sqlTool(o, database, ['update-schema', '-d', versioned]);
    // its (debug) line for each version it applied; an up-to-date database prints none
    const applied = [...output.matchAll(/Schema updated from [\d.]+ to ([\d.]+)/g)].map((m) => m[1]!);
    if (applied.length) o.log(`  ${database}: schema updated to ${applied.at(-1)} (${applied.length} versions applied)`);
    report[kind] = { applied };
  }
  return report;
}

async function sqlTool(o: SchemaOptions, database: string, args: string[]): Promise<string> {
  const { target } = o;
  const connect = ['--plugin', 'postgres12', '--ep', target.host, '-p', String(target.port), '-u', target.user, '--db', database];
  try {
    // the password goes through the environment, never on a command line other users can read
    const { stdout, stderr } = await exec(o.sqlTool, [...connect, ...args], {
      env: { ...process.env, SQL_PASSWORD: target.password },
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout + stderr;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    const detail = lastErrorLine(`${e.stdout ?? ''}${e.stderr ?? ''}`) ?? e.message;
    throw new SchemaError(`temporal-sql-tool ${args[0]} on ${database} at ${target.host}:${target.port} failed: ${detail}`);
  }
}

function lastErrorLine(output: string): string | undefined {
  return output
    .split('\n')
    .filter((line) => /"level":"(error|fatal)"|error/i.test(line))
    .at(-1);
}

/** TEMPORAL_SCHEMA_DIR, else the `schema` folder of the server's module, fetched by Go if needed. */
export async function findSchemaDir(env: NodeJS.ProcessEnv): Promise<string> {
  if (env.TEMPORAL_SCHEMA_DIR) {
    if (!existsSync(join(env.TEMPORAL_SCHEMA_DIR, 'postgresql', 'v12'))) {
      throw new SchemaError(`TEMPORAL_SCHEMA_DIR=${env.TEMPORAL_SCHEMA_DIR} has no postgresql/v12 folder`);
    }
    return env.TEMPORAL_SCHEMA_DIR;
  }
  try {
    // outside any module, so no go.mod around us changes what is downloaded
    const { stdout } = await exec('go', ['mod', 'download', '-json', `go.temporal.io/server@v${SERVER_VERSION}`], { cwd: tmpdir(), env: { ...env, GOFLAGS: '-mod=mod' } });
    return join((JSON.parse(stdout) as { Dir: string }).Dir, 'schema');
  } catch (error) {
    throw new SchemaError(
      `the Temporal ${SERVER_VERSION} schema files were not found: set TEMPORAL_SCHEMA_DIR to the server's schema folder, ` +
        `or put Go on PATH so \`go mod download go.temporal.io/server@v${SERVER_VERSION}\` can fetch them ` +
        `(${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
    );
  }
}
