// When an incident ends, everything about it goes into one folder that needs no Temporal and no
// Yuqing to read: Temporal deletes a closed workflow's history after the namespace's retention,
// and the plans require the full record to be kept (篇二 6: 档案馆). The folder is built aside and
// swapped in whole, so a retry or a re-archive replaces it and a crash never leaves half of one.
import { randomUUID } from 'node:crypto';
import { access, readdir, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { IncidentState } from '../domain/model/state';
import { ARCHIVE, ARCHIVED_EVIDENCE, ARCHIVED_STATE, archiveFolder, evidenceFile, noticesLog, releasesFolder } from '../domain/data-layout';
import { incidentAttachments } from '../domain/incident/attachments';
import { copyPrivate, fromDataRef, fsFailure, mkdirPrivate, safeSegment, writeAtomic } from './files';
import { archiveIndex, type ArchivedDocument, type ArchivedRecord } from './templates/archive-index';
import { docInScript, heading, toHtml, toMarkdown } from './templates/doc';
import { TIME_NOTE } from './templates/labels';
import { timelineTable } from './templates/sections';
import type { IncidentActivities } from './types';
import { scriptOfState } from '../domain/script';

const exists = (path: string) => access(path).then(() => true, () => false);

/** Copies one rendered file into the archive; a file this worker never saw is reported missing. */
async function copyDocument(dataDir: string, ref: string, into: string): Promise<string | undefined> {
  const from = fromDataRef(dataDir, ref);
  if (!(await exists(from))) return undefined;
  await copyPrivate(from, join(into, 'documents', basename(from)));
  return `documents/${basename(from)}`;
}

/**
 * The incident's evidence files as stored: still sealed with the payload key ring, which is why a
 * backup keeps the ring beside the archive (README, Evidence). A file missing here is left out and
 * shows as missing when the archived state is read against the folder.
 */
async function copyEvidence(dataDir: string, state: IncidentState, dir: string): Promise<boolean> {
  // the names come from the state: only hashes, never a path
  const hashes = new Set(incidentAttachments(state).map((f) => f.attachment.sha256).filter((h) => /^[0-9a-f]{64}$/.test(h)));
  let copied = false;
  for (const sha256 of hashes) {
    const from = join(dataDir, evidenceFile(sha256));
    if (!(await exists(from))) continue;
    await mkdirPrivate(join(dir, ARCHIVED_EVIDENCE));
    await copyPrivate(from, join(dir, ARCHIVED_EVIDENCE, sha256));
    copied = true;
  }
  return copied;
}

async function build(dataDir: string, state: IncidentState, dir: string, archivedAt: string): Promise<void> {
  const id = state.workflowId;
  await mkdirPrivate(join(dir, 'documents'));
  await writeAtomic(join(dir, ARCHIVED_STATE), `${JSON.stringify(state, null, 2)}\n`);
  const timeline = { title: '处置经过', meta: [state.incident.title, TIME_NOTE], blocks: [heading('时间线'), timelineTable(state.timeline)] };
  await writeAtomic(join(dir, 'timeline.md'), toMarkdown(timeline));
  const records: ArchivedRecord[] = [
    { title: '事件全部记录（机读）', path: ARCHIVED_STATE },
    { title: '处置经过时间线', path: 'timeline.md' },
  ];

  const documents: ArchivedDocument[] = [];
  for (const d of state.documents) {
    documents.push({
      title: d.title,
      createdAt: d.createdAt,
      html: await copyDocument(dataDir, d.paths.html, dir),
      markdown: await copyDocument(dataDir, d.paths.markdown, dir),
    });
  }

  const published = join(dataDir, releasesFolder(safeSegment(id)));
  if (await exists(published)) {
    // a release folder holds files only (publish.ts)
    await mkdirPrivate(join(dir, 'published'));
    for (const name of await readdir(published)) await copyPrivate(join(published, name), join(dir, 'published', name));
    records.push({ title: '已发布的通稿', path: 'published/' });
  }
  if (await copyEvidence(dataDir, state, dir)) records.push({ title: '证据材料（加密保存）', path: `${ARCHIVED_EVIDENCE}/` });
  const notices = join(dataDir, noticesLog(safeSegment(id)));
  if (await exists(notices)) {
    await copyPrivate(notices, join(dir, 'notices.log'));
    records.push({ title: '通知记录', path: 'notices.log' });
  }
  const script = scriptOfState(state);
  await writeAtomic(join(dir, 'index.html'), toHtml(docInScript(archiveIndex(state, documents, records, archivedAt), script), script));
}

export function createArchiveIncident(dataDir: string): IncidentActivities['archiveIncident'] {
  return async ({ workflowId, state }) => {
    const root = join(dataDir, ARCHIVE);
    const target = join(root, safeSegment(workflowId));
    const staging = join(root, `.${workflowId}.${randomUUID()}.tmp`);
    try {
      await build(dataDir, { ...state, workflowId }, staging, new Date().toISOString());
      await rm(target, { recursive: true, force: true });
      await rename(staging, target);
    } catch (err) {
      await rm(staging, { recursive: true, force: true });
      throw fsFailure(err, target);
    }
    return { path: archiveFolder(workflowId) };
  };
}
