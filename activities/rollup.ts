// The roll-up's side effects. Gathering finds the period's incidents where they are: Temporal's
// visibility for those it still holds (running or closed), the archive folder for those past the
// namespace's retention; each incident once, by workflow id. Rendering writes the report under
// <dataDir>/reports, where the web page lists it. Both are safe to retry: they read, or overwrite.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import { INCIDENT_WORKFLOW, stateQuery } from '../workflows/incident/definitions';
import { assessedPart, type Assessment, type AssessedState } from '../domain/rules/assessment';
import { countedInRollup, REPORT_NAME, rollupRow, type Period, type RollupRow, type RollupStats } from '../domain/rules/rollup-stats';
import { Category, Channel, DeadlineKind, Role, Severity } from '../domain/model/schema';
import { ARCHIVE, archivedState, printPage, REPORTS } from '../domain/data-layout';
import { SA } from '../workflows/incident/definitions';
import type { IncidentState } from '../domain/model/state';
import { dataRef, safeSegment, writeAtomic } from './files';
import { docInScript, toHtml, toMarkdown } from './templates/doc';
import { toDocx } from './templates/docx';
import { toPrintHtml } from './templates/print';
import { numberText } from './templates/official';
import { rollupReport } from './templates/rollup';
import { label } from '../domain/labels';
import type { OrganisationProfile } from '../config/organisation-file';
import { DocumentNumbers } from './document-numbers';
import { scriptOf } from '../domain/script';

export interface Unreadable {
  workflowId: string;
  reason: string;
}

export interface Gathered {
  /** by discovery time */
  rows: RollupRow[];
  /** listed for the period, but neither Temporal nor the archive could give its state */
  unreadable: Unreadable[];
  /** the part of each counted incident the 考核 figures read; absent in results from before them */
  assessed?: AssessedState[];
}

export interface RenderRollupInput {
  /** file name without extension, e.g. weekly-2026-11-16 */
  name: string;
  title: string;
  label: string;
  period: Period;
  stats: RollupStats;
  rows: RollupRow[];
  unreadable: Unreadable[];
  /** the monthly report's 考核情况 (absent in weekly reports and runs from before it) */
  assessment?: Assessment;
}

export interface RollupActivities {
  gatherIncidents(input: { period: Period }): Promise<Gathered>;
  renderRollup(input: RenderRollupInput): Promise<{ markdown: string; html: string; docx: string; print: string; number: string }>;
}

export interface RollupDeps {
  client: Client;
  dataDir: string;
  /** where people open the web page: each incident's line links to <publicUrl>/incidents/<id> */
  publicUrl: string;
  organisation: OrganisationProfile;
}

const instant = z.iso.datetime({ offset: true });

// spliced into a visibility query, so nothing but a timestamp may pass
const PeriodSchema = z.object({ kind: z.enum(['weekly', 'monthly']), from: instant, to: instant });

const ReportName = z.string().regex(REPORT_NAME);

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

export function createRollupActivities(deps: RollupDeps): RollupActivities {
  const { client, dataDir } = deps;
  const numbers = new DocumentNumbers(dataDir);
  return {
    async gatherIncidents(input) {
      const { period } = z.object({ period: PeriodSchema }).parse(input);
      const { states, unreadable } = await gatherStates(client, dataDir, period, (id) => Context.current().heartbeat(id));
      const counted = states.filter(countedInRollup);
      const rows = counted.map(rollupRow);
      rows.sort((a, b) => Date.parse(a.discoveredAt) - Date.parse(b.discoveredAt) || (a.workflowId < b.workflowId ? -1 : 1));
      return { rows, unreadable, assessed: counted.map(assessedPart) };
    },

    async renderRollup(input) {
      const name = ReportName.parse(input.name);
      const now = new Date();
      const { organisation } = deps;
      const script = scriptOf(organisation.language);
      const doc = docInScript(rollupReport(input, deps.publicUrl, now), script);
      const kind = input.period.kind;
      const kindName = label('officialDocument', kind, organisation.language);
      // keyed by the report's name: the period's report keeps its 期号 however often it is rendered
      const number = await numbers.issue(kind, name, now, (n) => `${kindName}${numberText('issue', organisation, n)}`);
      const dir = join(dataDir, REPORTS);
      const markdown = join(dir, `${name}.md`);
      const html = join(dir, `${name}.html`);
      const docx = join(dir, `${name}.docx`);
      // printed to PDF by the API on first download, as an incident's documents are
      const print = join(dir, printPage(name));
      const head = { profile: organisation, style: 'issue' as const, kindName, number, date: now };
      await writeAtomic(markdown, toMarkdown(doc));
      await writeAtomic(html, toHtml(doc, script));
      await writeAtomic(docx, await toDocx(doc, head));
      await writeAtomic(print, toPrintHtml(doc, head));
      return {
        markdown: dataRef(dataDir, markdown),
        html: dataRef(dataDir, html),
        docx: dataRef(dataDir, docx),
        print: dataRef(dataDir, print),
        number: numberText('issue', organisation, number),
      };
    },
  };
}
