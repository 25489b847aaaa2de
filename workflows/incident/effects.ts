// The incident's side effects, each an activity with an explicit timeout, retry policy, a stable
// idempotency key and a summary for the Temporal UI in the incident's script. A failure that survives its retries
// is written into the timeline; it never fails the incident.
import { ActivityFailure, ApplicationFailure, proxyActivities, proxyLocalActivities, type ActivityOptions, type LocalActivityOptions } from '@temporalio/workflow';
import type { DocumentKind, IncidentActivities, NotifyInput, OwnerChoiceInput, OwnerChoices } from '../../activities/types';
import type { OwedNotice } from '../../domain/incident/notices';
import { drillFactor, drillMarked } from '../../domain/incident/drill';
import { label } from '../../domain/labels';
import type { Role } from '../../domain/model/schema';
import { roleLabel } from '../../domain/rules/roles';
import { markdownText } from '../../domain/markup';
import type { IncidentRun } from './run';
import type { Release } from '../../domain/model/state';
import { scriptOfState, written } from '../../domain/script';

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

/** A text in its Simplified and its English wording, written in the incident's script where it lands. */
type Words = [zh: string, en: string];

/** the summary is the Temporal UI's line for the activity, in the incident's script */
function activity<K extends keyof typeof OPTIONS>(run: IncidentRun, name: K, summary: Words): IncidentActivities[K] {
  return proxyActivities<IncidentActivities>({ ...OPTIONS[name], summary: written(run.state, ...summary) })[name];
}

function localActivity<K extends keyof typeof LOCAL_OPTIONS>(run: IncidentRun, name: K, summary: Words): IncidentActivities[K] {
  return proxyLocalActivities<IncidentActivities>({ ...LOCAL_OPTIONS[name], summary: written(run.state, ...summary) })[name];
}

// a worker reading its own settings: local, and retried until the API has made the key ring
const TRUST_ROOT = {
  startToCloseTimeout: '10s',
  scheduleToCloseTimeout: '10m',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s' },
} satisfies LocalActivityOptions;

export function trustRoot(run: IncidentRun) {
  return proxyLocalActivities<IncidentActivities>({ ...TRUST_ROOT, summary: written(run.state, '读取本单位信任的签名公钥', "Read the organisation's trusted signing keys") }).trustRoot();
}

async function guarded<T>(
  run: IncidentRun,
  [what, whatEn]: Words,
  call: () => Promise<T>,
  failed = (cause: string) => run.record('notified', `${what}失败：${cause}`, `${whatEn} failed: ${cause}`),
): Promise<T | undefined> {
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
const roleList = (roles: Role[], lang: 'zh-Hans' | 'en' = 'zh-Hans') => roles.map((r) => roleLabel(r, lang)).join(lang === 'en' ? ', ' : '、');

/**
 * One notice, one activity. Under the rules of `notices-when-to-act` it is recorded in the state's
 * notices, and a role no channel reached (or a delivery that failed after all retries) is marked
 * undelivered there and in the timeline; histories from before wrote the timeline line only.
 */
export async function notify(run: IncidentRun, n: OwedNotice): Promise<void> {
  const summary = `通知 ${roleList(n.roles)}：${n.title}`;
  const summaryEn = `Notify ${roleList(n.roles, 'en')}: ${n.title}`;
  const input: NotifyInput = {
    event: n.kind,
    roles: n.roles,
    title: n.title,
    markdown: n.markdown,
    incidentTitle: run.state.incident.title,
    department: run.state.incident.department,
    ...(n.deadline ? { deadline: n.deadline } : {}),
    // only an English incident says so: the Chinese notices' input stays as it always was
    ...(scriptOfState(run.state) === 'en' ? { script: 'en' as const } : {}),
    workflowId: run.id,
    idempotencyKey: `${run.id}:${n.key}`,
  };
  let failure: string | undefined;
  const recorded = run.rules.notices ? (cause: string) => void (failure = cause) : undefined;
  const result = await guarded(run, [summary, summaryEn], () => activity(run, 'notify', [summary, summaryEn])(input), recorded);
  // the log channel only files the notice with the incident: a person was reached only through another
  const channels = result?.delivered.filter((channel) => channel !== 'log') ?? [];
  if (!run.rules.notices) {
    if (result) run.record('notified', channels.length ? `${summary}（${channels.join('、')}）` : `${summary}：未送达（${roleList(n.roles)}未设定接收渠道）`, channels.length ? `${summaryEn} (${channels.join(', ')})` : `${summaryEn}: not delivered (no channel set for ${roleList(n.roles, 'en')})`);
    return;
  }
  const undelivered = !result ? n.roles : (result.unreached ?? (channels.length ? [] : n.roles));
  const reached = channels.length ? `（${channels.join('、')}）` : '';
  const reachedEn = channels.length ? ` (${channels.join(', ')})` : '';
  const text =
    failure !== undefined
      ? `${summary}失败：${failure}`
      : !undelivered.length
        ? `${summary}${reached}`
        : reached
          ? `${summary}${reached}；未送达：${roleList(undelivered)}未设定接收渠道`
          : `${summary}：未送达（${roleList(undelivered)}未设定接收渠道）`;
  const textEn =
    failure !== undefined
      ? `${summaryEn} failed: ${failure}`
      : !undelivered.length
        ? `${summaryEn}${reachedEn}`
        : `${summaryEn}${reachedEn}${reachedEn ? ';' : ':'} not delivered to ${roleList(undelivered, 'en')} (no channel set)`;
  run.update((s) => {
    const at = new Date().toISOString();
    const mark = undelivered.length ? { undelivered: true as const } : {};
    s.timeline.push({ at, kind: 'notified', text: written(s, text, textEn), ...mark });
    const record = { kind: n.kind, title: n.title, roles: n.roles, at, channels, ...(undelivered.length ? { undelivered } : {}), ...(failure !== undefined ? { failed: true as const } : {}) };
    s.notices = [...(s.notices ?? []), record].slice(-NOTICES_KEPT);
  });
}

const DOCUMENT_TITLES: Record<DocumentKind, string> = { special: '《舆情专报》', bulletin: '《网络舆情通报》', summary: '《舆情处置情况汇报》', drillSummary: '【演练】《演练总结》' };


/** `sequence`: a bulletin's issue (第N期), or a later edition of the 专报 (第N版, once the plan is approved) */
export async function renderDocument(run: IncidentRun, kind: DocumentKind, sequence?: number): Promise<void> {
  const title = `${DOCUMENT_TITLES[kind]}${sequence ? (kind === 'special' ? `第${sequence}版` : `第${sequence}期`) : ''}`;
  const titleEn = `${label('document', kind, 'en').toLowerCase()}${sequence ? (kind === 'special' ? `, edition ${sequence}` : ` No. ${sequence}`) : ''}`;
  const words: Words = [`生成${title}`, drillMarked(kind === 'drillSummary', `Write the ${titleEn}`, 'en')];
  const key = `${run.id}:doc:${kind}${sequence ?? ''}`;
  const ref = await guarded(run, words, () => activity(run, 'renderDocument', words)({ idempotencyKey: key, kind, state: run.state, sequence, ...(kind === 'drillSummary' ? { drillFactor: drillFactor(run.policy) } : {}) }));
  if (!ref) return;
  run.update((s) => {
    s.documents = [...s.documents.filter((d) => d.name !== ref.name), ref];
    s.timeline.push({ at: new Date().toISOString(), kind: 'document', text: written(s, ...words) });
  });
}

export async function publishRelease(run: IncidentRun, release: Release): Promise<boolean> {
  const what: Words = [`发布 第${release.no}号通稿`, `Publish statement #${release.no}`];
  const result = await guarded(run, what, () =>
    activity(run, 'publishRelease', [`${what[0]}《${markdownText(release.title)}》`, `${what[1]} "${markdownText(release.title)}"`])({ idempotencyKey: `${run.id}:release:${release.no}`, workflowId: run.id, release, ...(run.state.drill ? { drill: true as const } : {}) }),
  );
  if (!result) return false;
  release.publishedRefs = result.refs;
  return true;
}

/** The uncovered hours of [fromMs, toMs), or undefined when the roster could not be read (the timeline says why). */
export function dutyCoverage(run: IncidentRun, fromMs: number, toMs: number) {
  return guarded(
    run,
    ['检查值班表', 'Check the roster'],
    () => localActivity(run, 'dutyCoverage', ['24小时值班：检查未来24小时值班表', '24-hour duty: check the roster for the next 24 hours'])({ fromMs, toMs }),
    (cause) => run.record('duty', `检查值班表失败：${cause}`, `Checking the roster failed: ${cause}`),
  );
}

export async function archiveIncident(run: IncidentRun): Promise<void> {
  const result = await guarded(run, ['归档', 'Archiving'], () => activity(run, 'archiveIncident', ['归档全部记录', 'Archive every record'])({ workflowId: run.id, state: run.state }));
  // the folder is the office's business, not the reader's: the page and the documents say what was kept
  if (result) run.record('document', '已归档全部记录', 'Every record archived');
}

/** The owners of deadlines just opened; undefined when the files could not be read (the deadlines stay the roles'). */
export function chooseOwners(run: IncidentRun, input: OwnerChoiceInput): Promise<OwnerChoices | undefined> {
  const words: Words = ['指定期限责任人', 'Name the owners of the deadlines'];
  return guarded(run, words, () => localActivity(run, 'chooseOwners', words)(input));
}
