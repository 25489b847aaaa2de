// incidentWorkflow: one online public-opinion incident through the seven steps of SPEC §2.
// Steps 3–5 run together once verification starts (三同步); deadlines and publication run
// alongside for the incident's whole life; a withdrawal by leadership ends it at any point.
import { ApplicationFailure, CancellationScope, condition, isCancellation, patched, setCurrentDetails, workflowInfo } from '@temporalio/workflow';
import { initialState } from '../../domain/incident/initial-state';
import { scriptOfState, written } from '../../domain/script';
import type { IncidentInput } from '../../domain/model/schema';
import type { IncidentState } from '../../domain/model/state';
import { trustProblems } from '../../domain/rules/trust';
import { watchDeadlines } from './deadline-watch';
import { archiveIncident, renderDocument, trustRoot } from './effects';
import { noticesSent, sendNotices } from './notices';
import { owedNotices } from '../../domain/incident/notices';
import { remindDeadlines } from './reminders';
import { flagDueSoon } from './due-soon';
import { checkDutyCoverage } from './duty-coverage';
import { nameOwners } from './owners';
import { IncidentRun } from './run';
import { coordinate } from './steps/coordinate';
import { guide } from './steps/guide';
import { monitor, planEditions } from './steps/monitor';
import { publish, publishApproved } from './steps/publish';
import { summarize } from './steps/summarize';
import { track } from './steps/track';
import { verify } from './steps/verify';

/** marks histories recorded under the one admission path (RunRules in run.ts) */
export const ADMISSION_PATCH = 'one-admission-path';
/** marks histories in which a rise into major or critical re-opens the major process */
export const REOPEN_PATCH = 'rise-reopens-major-process';
/** marks histories in which people are told when they must act, not only of breaches (RunRules.notices) */
export const NOTICES_PATCH = 'notices-when-to-act';
/** marks histories with the next bulletin in the state, bulletins on request, and summaries returned with their deadline */
export const TRACKING_PATCH = 'tracking-and-returns';
/** marks histories in which the office drafts the plan and responses and leadership approves them */
export const OFFICE_DRAFTS_PATCH = 'office-drafts-leaders-decide';
/** marks histories that forward to the department, owe the recipients the policy names and give an inquiry its 当日 opinion */
export const REPORTS_PATCH = 'reports-as-plans-require';
/** marks histories whose texts are in the organisation's script, Simplified by default; Traditional before */
export const SCRIPT_PATCH = 'texts-in-organisation-script';
/** marks histories that keep what the lists show in search attributes and the memo (RunRules.listing) */
export const LISTING_PATCH = 'lists-from-visibility';
/** marks histories in which an input's drill flag makes the incident a drill (演练); before, none was */
export const DRILLS_PATCH = 'drills-marked-and-sandboxed';
/** marks histories in which a major or critical incident switches on 24-hour duty until it is stable (RunRules.dutyAroundTheClock) */
export const DUTY_PATCH = 'duty-around-the-clock';
/** marks histories in which each deadline, as it opens, is given a named owner (workflows/incident/owners.ts) */
export const OWNERS_PATCH = 'owners-named';
/** marks histories in which a drill withdrawn or dismissed closes with its 演练总结 too; before, only a completed one did */
export const DRILL_SUMMARY_PATCH = 'drill-summary-on-every-end';

async function sevenSteps(run: IncidentRun): Promise<void> {
  await monitor(run);
  await Promise.all([verify(run), coordinate(run), guide(run), publish(run)]);
  await track(run);
  await summarize(run);
}

/**
 * Refuses, before anything else happens, an incident whose input (or carried state) trusts signing
 * keys the organisation does not: it fails at once, with the reason in the Temporal UI.
 */
async function checkTrust(run: IncidentRun, carried: IncidentState | undefined): Promise<void> {
  const english = scriptOfState(run.state) === 'en';
  const problems = trustProblems(run.input.policy.signing, carried?.signing, await trustRoot(run), english ? 'en' : 'zh-Hans');
  if (!problems.length) return;
  const reason = written(run.state, `不受信任的事件，已拒绝：${problems.join('；')}`, `Untrusted incident, refused: ${problems.join('; ')}`);
  setCurrentDetails(`${english ? '**Refused**' : '**已拒绝**'}\\\n${reason}`);
  throw ApplicationFailure.nonRetryable(reason, 'UntrustedIncident');
}

/** `carried` is the state handed over by continue-as-new; a fresh incident starts without it. */
export async function incidentWorkflow(input: IncidentInput, carried?: IncidentState): Promise<IncidentState> {
  const current = patched(ADMISSION_PATCH);
  const rules = {
    current,
    reopenOnRise: patched(REOPEN_PATCH),
    notices: patched(NOTICES_PATCH),
    trackingAndReturns: patched(TRACKING_PATCH),
    officeDrafts: patched(OFFICE_DRAFTS_PATCH),
    reportsAsPlans: patched(REPORTS_PATCH),
    listing: patched(LISTING_PATCH),
    dutyAroundTheClock: patched(DUTY_PATCH),
  };
  // read at every start, as the other patches are; only a fresh incident's state keeps what it says
  const organisationScript = patched(SCRIPT_PATCH);
  const drills = patched(DRILLS_PATCH);
  const owners = patched(OWNERS_PATCH);
  const run = new IncidentRun(input, carried ?? initialState(input, workflowInfo().workflowId, Date.now(), { ...rules, organisationScript, drills }), rules);
  run.registerReaders();
  if (current) await checkTrust(run, carried);
  run.registerSignals();
  run.refresh();
  // before the first notices, so those of an incident that starts major already say the duty is on
  if (rules.dutyAroundTheClock) run.switchDuty();
  // a new incident is told at once; one continued as new told its people already
  if (rules.notices && !carried) run.owe(owedNotices(undefined, run.state, run.policy));
  const notices = rules.notices ? sendNotices(run) : undefined;

  const scope = new CancellationScope();
  const background = scope.run(() => Promise.all([watchDeadlines(run), publishApproved(run), ...(rules.notices ? [remindDeadlines(run)] : []), ...(rules.officeDrafts ? [planEditions(run)] : []), ...(rules.listing ? [flagDueSoon(run)] : []), ...(rules.dutyAroundTheClock ? [checkDutyCoverage(run)] : []), ...(owners ? [nameOwners(run)] : [])]));
  const steps = scope.run(() => sevenSteps(run));
  // withdrawn or dismissed: the steps stop where they are
  await Promise.race([steps, background, condition(() => !!run.state.closed && run.state.closed.outcome !== 'completed')]);
  scope.cancel();
  await Promise.allSettled([steps, background]).then((results) => {
    for (const r of results) if (r.status === 'rejected' && !isCancellation(r.reason)) throw r.reason;
  });

  // a drill ended early was practice all the same: what it reached is what the office learns from
  const endedEarly = run.state.closed && run.state.closed.outcome !== 'completed';
  if (run.state.drill && endedEarly && patched(DRILL_SUMMARY_PATCH)) await renderDocument(run, 'drillSummary');
  // the archive keeps the whole record, the closing notice included
  if (notices) await Promise.race([notices, noticesSent(run)]);
  await archiveIncident(run);
  run.refresh();
  return run.state;
}
