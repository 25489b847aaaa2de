// The incidents discovered in a span of time, wherever they are: Temporal's visibility for those it
// still holds (running or closed), the archive folder for those past the namespace's retention;
// each incident once, by workflow id. Read-only, so the roll-up's activity and the API's 考核 share it.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import { INCIDENT_WORKFLOW, SA, stateQuery } from '../workflows/incident/definitions';
import { Category, Channel, DeadlineKind, Role, Severity } from '../domain/model/schema';
import { ARCHIVE, archivedState } from '../domain/data-layout';
import type { IncidentState } from '../domain/model/state';
import { safeSegment } from './files';

export interface Unreadable {
  workflowId: string;
  reason: string;
}

const instant = z.iso.datetime({ offset: true });

/** The parts of an incident's state a roll-up reads; an archive written by an older version must still have them. */
const StateForRollup = z.looseObject({
  workflowId: z.string().min(1),
  incident: z.looseObject({ title: z.string(), discoveredAt: instant, department: z.string(), channel: Channel }),
  severity: Severity,
  category: Category,
  currentStep: z.string(),
  reporter: z.looseObject({ id: z.string(), name: z.string(), roles: z.array(Role) }),
  deadlines: z.array(
    z.looseObject({
      kind: DeadlineKind,
      dueAt: instant,
      label: z.string(),
      responsible: Role,
      metAt: instant.optional(),
      breachedAt: instant.optional(),
      lateByMinutes: z.number().optional(),
      cancelled: z.boolean().optional(),
    }),
  ),
  reports: z.array(z.looseObject({ at: instant })),
  responses: z.array(z.looseObject({ at: instant })),
  releases: z.array(z.looseObject({ publishedAt: instant.optional() })),
  closed: z.looseObject({ outcome: z.enum(['completed', 'withdrawn', 'dismissed']) }).optional(),
  drill: z.literal(true).optional(),
});

function readState(raw: unknown): IncidentState {
  const parsed = StateForRollup.safeParse(raw);
  if (parsed.success) return parsed.data as unknown as IncidentState;
  // one line for the report's list of incidents it could not count
  throw new Error(`state lacks or has invalid: ${[...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(top level)'))].join(', ')}`);
}

const reasonOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** workflow id → whether a run of it is still open; a continued-as-new incident is listed once. */
async function listPeriod(client: Client, period: { from: string; to: string }): Promise<Map<string, boolean>> {
  const query = [
    `WorkflowType = '${INCIDENT_WORKFLOW}'`,
    `${SA.discoveredAt.name} >= '${period.from}'`,
    `${SA.discoveredAt.name} < '${period.to}'`,
  ].join(' AND ');
  const listed = new Map<string, boolean>();
  for await (const info of client.workflow.list({ query })) {
    listed.set(info.workflowId, listed.get(info.workflowId) === true || info.status.name === 'RUNNING');
  }
  return listed;
}

/** A handle without a run id follows continue-as-new to the incident's latest run. */
async function fromTemporal(client: Client, workflowId: string, running: boolean): Promise<IncidentState> {
  const handle = client.workflow.getHandle(workflowId);
  return readState(running ? await handle.query(stateQuery) : await handle.result());
}

async function fromArchive(dataDir: string, workflowId: string): Promise<IncidentState> {
  const file = join(dataDir, archivedState(safeSegment(workflowId)));
  return readState(JSON.parse(await readFile(file, 'utf8')));
}

/** Archived incidents; the archive's own staging folders start with a dot. */
async function archivedIds(dataDir: string): Promise<string[]> {
  const entries = await readdir(join(dataDir, ARCHIVE), { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  return entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);
}

function inPeriod(period: { from: string; to: string }, iso: string): boolean {
  const t = Date.parse(iso);
  return t >= Date.parse(period.from) && t < Date.parse(period.to);
}

/**
 * Every incident discovered in [from, to), drills included: Temporal's for those it still holds,
 * the archive's for the rest. `beat` is told each id, so an activity can heartbeat.
 */
export async function gatherStates(client: Client, dataDir: string, range: { from: string; to: string }, beat: (workflowId: string) => void): Promise<{ states: IncidentState[]; unreadable: Unreadable[] }> {
  const states: IncidentState[] = [];
  const unreadable: Unreadable[] = [];
  const listed = await listPeriod(client, range);
  for (const [workflowId, running] of listed) {
    beat(workflowId);
    try {
      states.push(await fromTemporal(client, workflowId, running));
    } catch (err) {
      // terminated, or its history already gone: the archive may still have it
      const archived = await fromArchive(dataDir, workflowId).catch(() => undefined);
      if (archived) states.push(archived);
      else unreadable.push({ workflowId, reason: reasonOf(err) });
    }
  }
  for (const workflowId of await archivedIds(dataDir)) {
    if (listed.has(workflowId)) continue;
    beat(workflowId);
    try {
      const state = await fromArchive(dataDir, workflowId);
      if (inPeriod(range, state.incident.discoveredAt)) states.push(state);
    } catch (err) {
      unreadable.push({ workflowId, reason: `archive: ${reasonOf(err)}` });
    }
  }
  return { states, unreadable };
}

