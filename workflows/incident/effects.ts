// The incident's side effects, each an activity with an explicit timeout, retry policy, a stable
// idempotency key and a Chinese summary for the Temporal UI. A failure that survives its retries
// is written into the timeline; it never fails the incident.
import { ActivityFailure, ApplicationFailure, proxyActivities, proxyLocalActivities, type ActivityOptions, type LocalActivityOptions } from '@temporalio/workflow';
import type { DocumentKind, IncidentActivities, NotifyInput, OwnerChoiceInput, OwnerChoices } from '../../activities/types';
import type { OwedNotice } from '../../domain/incident/notices';
import { drillFactor } from '../../domain/incident/drill';
import type { Role } from '../../domain/model/schema';
import { roleLabel } from '../../domain/rules/roles';
import { markdownText } from '../../domain/markup';
import type { IncidentRun } from './run';
import type { Release } from '../../domain/model/state';
import { written } from '../../domain/script';

const OPTIONS = {
  // people must hear of a breach even if the chat robot is down for an hour
  notify: { startToCloseTimeout: '30s', scheduleToCloseTimeout: '2h', retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '5m' } },
  renderDocument: { startToCloseTimeout: '30s', retry: { initialInterval: '1s', maximumInterval: '30s', maximumAttempts: 10 } },
  publishRelease: { startToCloseTimeout: '1m', scheduleToCloseTimeout: '6h', retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '10m' } },
  archiveIncident: { startToCloseTimeout: '1m', retry: { initialInterval: '2s', maximumInterval: '1m', maximumAttempts: 20 } },
} satisfies Record<Exclude<keyof IncidentActivities, keyof typeof LOCAL_OPTIONS | 'trustRoot'>, ActivityOptions>;

/**
 * Reads of the worker's own small files (the roster, the users file): local activities, so each is
 * one marker in the history instead of three events and a workflow task of its own.
 */
const LOCAL_OPTIONS = {
  // a roster being written is read again shortly; a broken one is refused at once (not retryable)
  dutyCoverage: { startToCloseTimeout: '10s', scheduleToCloseTimeout: '5m', retry: { initialInterval: '1s', maximumInterval: '30s', maximumAttempts: 10 } },
  // two small files read: a minute of retries is plenty, after that the deadlines stay the roles'
  chooseOwners: { startToCloseTimeout: '10s', scheduleToCloseTimeout: '1m', retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '10s', maximumAttempts: 5 } },
} satisfies Partial<Record<keyof IncidentActivities, LocalActivityOptions>>;

/** the summary is the Temporal UI's line for the activity, in the incident's script */
function activity<K extends keyof typeof OPTIONS>(run: IncidentRun, name: K, summary: string): IncidentActivities[K] {
  return proxyActivities<IncidentActivities>({ ...OPTIONS[name], summary: written(run.state, summary) })[name];
}

function localActivity<K extends keyof typeof LOCAL_OPTIONS>(run: IncidentRun, name: K, summary: string): IncidentActivities[K] {
  return proxyLocalActivities<IncidentActivities>({ ...LOCAL_OPTIONS[name], summary: written(run.state, summary) })[name];
}

// a worker reading its own settings: local, and retried until the API has made the key ring
const TRUST_ROOT = {
  startToCloseTimeout: '10s',
  scheduleToCloseTimeout: '10m',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s' },
} satisfies LocalActivityOptions;

export function trustRoot(run: IncidentRun) {
  return proxyLocalActivities<IncidentActivities>({ ...TRUST_ROOT, summary: written(run.state, '读取本单位信任的签名公钥') }).trustRoot();
}

async function guarded<T>(run: IncidentRun, what: string, call: () => Promise<T>, failed = (cause: string) => run.record('notified', `${what}失败：${cause}`)): Promise<T | undefined> {
  run.busy++;
  try {
    return await call();
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    failed(err.cause instanceof ApplicationFailure ? err.cause.message : (err.cause?.message ?? err.message));
    return undefined;
  } finally {
    run.busy--;
  }
}

/** the notices the incident page lists; older ones stay in the timeline */
const NOTICES_KEPT = 200;
const roleList = (roles: Role[]) => roles.map(roleLabel).join('、');

/**
 * One notice, one activity. Under the rules of `notices-when-to-act` it is recorded in the state's
 * notices, and a role no channel reached (or a delivery that failed after all retries) is marked
 * undelivered there and in the timeline; histories from before wrote the timeline line only.
 */
export async function notify(run: IncidentRun, n: OwedNotice): Promise<void> {
  const summary = `通知 ${roleList(n.roles)}：${n.title}`;
  const input: NotifyInput = {
    event: n.kind,
    roles: n.roles,
    title: n.title,
    markdown: n.markdown,
    incidentTitle: run.state.incident.title,
    department: run.state.incident.department,
    ...(n.deadline ? { deadline: n.deadline } : {}),
    workflowId: run.id,
    idempotencyKey: `${run.id}:${n.key}`,
  };
  let failure: string | undefined;
  const recorded = run.rules.notices ? (cause: string) => void (failure = cause) : undefined;
  const result = await guarded(run, summary, () => activity(run, 'notify', summary)(input), recorded);
  // the log channel only files the notice with the incident: a person was reached only through another
  const channels = result?.delivered.filter((channel) => channel !== 'log') ?? [];
  if (!run.rules.notices) {
    if (result) run.record('notified', channels.length ? `${summary}（${channels.join('、')}）` : `${summary}：未送达（${roleList(n.roles)}未设定接收渠道）`);
    return;
  }
  const undelivered = !result ? n.roles : (result.unreached ?? (channels.length ? [] : n.roles));
  const reached = channels.length ? `（${channels.join('、')}）` : '';
  const text =
    failure !== undefined
      ? `${summary}失败：${failure}`
      : !undelivered.length
        ? `${summary}${reached}`
        : reached
          ? `${summary}${reached}；未送达：${roleList(undelivered)}未设定接收渠道`
          : `${summary}：未送达（${roleList(undelivered)}未设定接收渠道）`;
  run.update((s) => {
    const at = new Date().toISOString();
    const mark = undelivered.length ? { undelivered: true as const } : {};
    s.timeline.push({ at, kind: 'notified', text: written(s, text), ...mark });
    const record = { kind: n.kind, title: n.title, roles: n.roles, at, channels, ...(undelivered.length ? { undelivered } : {}), ...(failure !== undefined ? { failed: true as const } : {}) };
    s.notices = [...(s.notices ?? []), record].slice(-NOTICES_KEPT);
  });
}

const DOCUMENT_TITLES: Record<DocumentKind, string> = { special: '《舆情专报》', bulletin: '《网络舆情通报》', summary: '《舆情处置情况汇报》', drillSummary: '【演练】《演练总结》' };

/** `sequence`: a bulletin's issue (第N期), or a later edition of the 专报 (第N版, once the plan is approved) */
export async function renderDocument(run: IncidentRun, kind: DocumentKind, sequence?: number): Promise<void> {
  const title = `${DOCUMENT_TITLES[kind]}${sequence ? (kind === 'special' ? `第${sequence}版` : `第${sequence}期`) : ''}`;
  const key = `${run.id}:doc:${kind}${sequence ?? ''}`;
  const ref = await guarded(run, `生成${title}`, () => activity(run, 'renderDocument', `生成${title}`)({ idempotencyKey: key, kind, state: run.state, sequence, ...(kind === 'drillSummary' ? { drillFactor: drillFactor(run.policy) } : {}) }));
  if (!ref) return;
  run.update((s) => {
    s.documents = [...s.documents.filter((d) => d.name !== ref.name), ref];
    s.timeline.push({ at: new Date().toISOString(), kind: 'document', text: written(s, `生成${title}`) });
  });
}

export async function publishRelease(run: IncidentRun, release: Release): Promise<boolean> {
  const what = `发布 第${release.no}号通稿`;
  const result = await guarded(run, what, () =>
    activity(run, 'publishRelease', `${what}《${markdownText(release.title)}》`)({ idempotencyKey: `${run.id}:release:${release.no}`, workflowId: run.id, release, ...(run.state.drill ? { drill: true as const } : {}) }),
  );
  if (!result) return false;
  release.publishedRefs = result.refs;
  return true;
}

/** The uncovered hours of [fromMs, toMs), or undefined when the roster could not be read (the timeline says why). */
export function dutyCoverage(run: IncidentRun, fromMs: number, toMs: number) {
  return guarded(run, '检查值班表', () => localActivity(run, 'dutyCoverage', '24小时值班：检查未来24小时值班表')({ fromMs, toMs }), (cause) => run.record('duty', `检查值班表失败：${cause}`));
}

export async function archiveIncident(run: IncidentRun): Promise<void> {
  const result = await guarded(run, '归档', () => activity(run, 'archiveIncident', '归档全部记录')({ workflowId: run.id, state: run.state }));
  // the folder is the office's business, not the reader's: the page and the documents say what was kept
  if (result) run.record('document', '已归档全部记录');
}

/** The owners of deadlines just opened; undefined when the files could not be read (the deadlines stay the roles'). */
export function chooseOwners(run: IncidentRun, input: OwnerChoiceInput): Promise<OwnerChoices | undefined> {
  return guarded(run, '指定期限责任人', () => localActivity(run, 'chooseOwners', '指定期限责任人')(input));
}
