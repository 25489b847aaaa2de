// The roll-up's side effects. Gathering finds the period's incidents where they are
// (activities/incident-states.ts) and keeps the real ones. Rendering writes the report under
// <dataDir>/reports, where the web page lists it. Both are safe to retry: they read, or overwrite.
import { join } from 'node:path';
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import { assessedPart, type Assessment, type AssessedState } from '../domain/rules/assessment';
import { countedInRollup, REPORT_NAME, rollupRow, type Period, type RollupRow, type RollupStats } from '../domain/rules/rollup-stats';
import { printPage, REPORTS } from '../domain/data-layout';
import { dataRef, writeAtomic } from './files';
import { gatherStates, type Unreadable } from './incident-states';
export type { Unreadable } from './incident-states';
import { docInScript, toHtml, toMarkdown } from './templates/doc';
import { toDocx } from './templates/docx';
import { toPrintHtml } from './templates/print';
import { numberText } from './templates/official';
import { rollupReport } from './templates/rollup';
import { label } from '../domain/labels';
import type { OrganisationProfile } from '../config/organisation-file';
import { DocumentNumbers } from './document-numbers';
import { scriptOf } from '../domain/script';

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
