// The state an incident starts with: graded, the monitor step active, the deadlines that run
// from discovery opened (SPEC §4 "from detection"), and whom the reports upward must reach.
import type { IncidentInput, PolicySnapshot, Step } from '../model/schema';
import type { IncidentState, StepState } from '../model/state';
import { openDeadline } from './deadline-book';
import { owedRecipients, reportsAsPlans } from '../decisions/report-recipients';
import { grade, RESPONSE_LEVEL_LABELS, responseLevel, SEVERITY_LABELS } from '../rules/grading';
import { STEP_ORDER } from '../rules/steps';
import { written } from '../script';
import { label } from '../labels';

export interface StartRules {
  /** the reports the plans require: forwarding, recipients owed, the inquiry's 当日 opinion (workflow.ts REPORTS_PATCH) */
  reportsAsPlans: boolean;
  /** texts in the organisation's script, Simplified by default (workflow.ts SCRIPT_PATCH); Traditional before */
  organisationScript?: boolean;
  /** an input's drill flag is heeded (workflow.ts DRILLS_PATCH); histories from before never drilled */
  drills?: boolean;
}

/** An alert that says it is a drill: the record names the system and account that said so, so a real item cannot be quietly left out. */
function drillMarkedBy(input: IncidentInput, rules: StartRules): [zh: string, en: string] {
  if (!(rules.drills && input.drill && input.origin)) return ['', ''];
  const { sourceSystem } = input.origin;
  const { name, id } = input.reporter;
  return [`；监测系统「${sourceSystem}」（${name}，账号 ${id}）推送时标为演练`, `; the monitoring system "${sourceSystem}" (${name}, account ${id}) marked it a drill`];
}

export function initialState(input: IncidentInput, workflowId: string, nowMs: number, rules: StartRules = { reportsAsPlans: true, organisationScript: true, drills: true }): IncidentState {
  const { incident, reporter, policy } = input;
  const severity = grade(incident.metrics, incident.sensitive, policy.grading);
  const at = new Date(nowMs).toISOString();
  const steps = Object.fromEntries(STEP_ORDER.map((s) => [s, { status: 'pending' }])) as Record<Step, StepState>;
  steps.monitor = { status: 'active', startedAt: at };
  const [drillZh, drillEn] = drillMarkedBy(input, rules);
  const script = rules.organisationScript ? { script: input.script ?? 'zh-Hans' } as const : {};
  const state: IncidentState = {
    ...script,
    workflowId,
    ...(rules.drills && input.drill ? { drill: true as const } : {}),
    incident,
    reporter,
    ...(input.origin ? { origin: input.origin } : {}),
    severity,
    responseLevel: responseLevel(severity),
    category: incident.category,
    currentStep: 'monitor',
    steps,
    deadlines: [],
    reports: [],
    actions: [],
    responses: [],
    releases: [],
    metricsHistory: [{ at, metrics: incident.metrics, severity, by: reporter.name }],
    escalations: [],
    documents: [],
    pendingDecisions: [],
    stepNeeds: {},
    timeline: [
      {
        at,
        kind: 'started',
        by: reporter.name,
        text: written(
          script,
          `登记舆情，定级${SEVERITY_LABELS[severity]}（${RESPONSE_LEVEL_LABELS[responseLevel(severity)]}）${drillZh}`,
          `Registered, graded ${label('severity', severity, 'en')} (${label('responseLevel', responseLevel(severity), 'en')})${drillEn}`,
        ),
      },
    ],
    breachCount: 0,
    signing: { keyIds: policy.signing.keys.map((k) => k.keyId), addedKeys: [], revokedKeyIds: [], recentNonces: [] },
    generation: 0,
    seq: { notice: 0, bulletin: 0 },
  };
  const from = Date.parse(incident.discoveredAt);
  if (rules.reportsAsPlans) {
    state.forwards = [];
    state.reportsOwed = owedRecipients(state, policy);
    openDeadline(state, policy, 'forward', from);
  }
  for (const kind of ['report', 'initialResponse', 'verification', 'authoritativeRelease'] as const) openDeadline(state, policy, kind, from);
  // an alert's category is only a guess until the monitor's 研判 confirms it
  if (!input.origin) openCategoryDeadlines(state, policy);
  return state;
}

export function openCategoryDeadlines(state: IncidentState, policy: PolicySnapshot): void {
  const from = Date.parse(state.incident.discoveredAt);
  if (state.category === 'inquiry' || state.category === 'suggestion') openDeadline(state, policy, 'netizenReply', from);
  // 不能即时答复的，当日提出处理意见 (篇二十/第六篇); incidents started before it never open it
  if (state.category === 'inquiry' && reportsAsPlans(state)) openDeadline(state, policy, 'inquiryOpinion', from);
}
