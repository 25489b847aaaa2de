// The incident's side effects, each an activity with an explicit timeout, retry policy, a stable
// idempotency key and a Chinese summary for the Temporal UI. A failure that survives its retries
// is written into the timeline; it never fails the incident.
import { ActivityFailure, ApplicationFailure, proxyActivities, proxyLocalActivities, type ActivityOptions, type LocalActivityOptions } from '@temporalio/workflow';
import type { DocumentKind, IncidentActivities, NotifyInput } from '../../activities/types';
import { roleLabel } from '../../domain/rules/roles';
import { markdownText } from '../../domain/markup';
import type { IncidentRun } from './run';
import type { Release } from '../../domain/model/state';

const OPTIONS = {
  // people must hear of a breach even if the chat robot is down for an hour
  notify: { startToCloseTimeout: '30s', scheduleToCloseTimeout: '2h', retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '5m' } },
  renderDocument: { startToCloseTimeout: '30s', retry: { initialInterval: '1s', maximumInterval: '30s', maximumAttempts: 10 } },
  publishRelease: { startToCloseTimeout: '1m', scheduleToCloseTimeout: '6h', retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '10m' } },
  archiveIncident: { startToCloseTimeout: '1m', retry: { initialInterval: '2s', maximumInterval: '1m', maximumAttempts: 20 } },
} satisfies Record<Exclude<keyof IncidentActivities, 'trustRoot'>, ActivityOptions>;

function activity<K extends keyof typeof OPTIONS>(name: K, summary: string): IncidentActivities[K] {
  return proxyActivities<IncidentActivities>({ ...OPTIONS[name], summary })[name];
}

// a worker reading its own settings: local, and retried until the API has made the key ring
const TRUST_ROOT = {
  startToCloseTimeout: '10s',
  scheduleToCloseTimeout: '10m',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s' },
  summary: '讀取本單位信任的簽名公鑰',
} satisfies LocalActivityOptions;

export function trustRoot() {
  return proxyLocalActivities<IncidentActivities>(TRUST_ROOT).trustRoot();
}

async function guarded<T>(run: IncidentRun, what: string, call: () => Promise<T>): Promise<T | undefined> {
  run.busy++;
  try {
    return await call();
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    const cause = err.cause instanceof ApplicationFailure ? err.cause.message : (err.cause?.message ?? err.message);
    run.record('notified', `${what}失敗：${cause}`);
    return undefined;
  } finally {
    run.busy--;
  }
}

export async function notify(run: IncidentRun, n: Omit<NotifyInput, 'idempotencyKey' | 'workflowId'>, key: string): Promise<void> {
  const summary = `通知 ${n.roles.map(roleLabel).join('、')}：${n.title}`;
  const result = await guarded(run, summary, () => activity('notify', summary)({ ...n, workflowId: run.id, idempotencyKey: `${run.id}:${key}` }));
  if (!result) return;
  // the log channel only files the notice with the incident: a person was reached only through another
  const reached = result.delivered.filter((channel) => channel !== 'log');
  run.record('notified', reached.length ? `${summary}（${reached.join('、')}）` : `${summary}：未送達（${n.roles.map(roleLabel).join('、')}未設定接收渠道）`);
}

const DOCUMENT_TITLES: Record<DocumentKind, string> = { special: '《輿情專報》', bulletin: '《網絡輿情通報》', summary: '《輿情處置情況匯報》' };

/** `sequence`: a bulletin's issue (第N期), or a later edition of the 專報 (第N版, once the plan is approved) */
export async function renderDocument(run: IncidentRun, kind: DocumentKind, sequence?: number): Promise<void> {
  const title = `${DOCUMENT_TITLES[kind]}${sequence ? (kind === 'special' ? `第${sequence}版` : `第${sequence}期`) : ''}`;
  const key = `${run.id}:doc:${kind}${sequence ?? ''}`;
  const ref = await guarded(run, `生成${title}`, () => activity('renderDocument', `生成${title}`)({ idempotencyKey: key, kind, state: run.state, sequence }));
  if (!ref) return;
  run.update((s) => {
    s.documents = [...s.documents.filter((d) => d.name !== ref.name), ref];
    s.timeline.push({ at: new Date().toISOString(), kind: 'document', text: `生成${title}` });
  });
}

export async function publishRelease(run: IncidentRun, release: Release): Promise<boolean> {
  const what = `發布 第${release.no}號通稿`;
  const result = await guarded(run, what, () =>
    activity('publishRelease', `${what}《${markdownText(release.title)}》`)({ idempotencyKey: `${run.id}:release:${release.no}`, workflowId: run.id, release }),
  );
  if (!result) return false;
  release.publishedRefs = result.refs;
  return true;
}

export async function archiveIncident(run: IncidentRun): Promise<void> {
  const result = await guarded(run, '歸檔', () => activity('archiveIncident', '歸檔全部記錄')({ workflowId: run.id, state: run.state }));
  if (result) run.record('document', `歸檔：${result.path}`);
}
