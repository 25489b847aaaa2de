// What each active step still needs before it can end, in the words people read (SPEC §5: every
// step says what it still needs). The conditions are the ones the steps wait on
// (workflows/incident/steps/*), so a step with no needs left is about to end.
import { DEFAULT_LANG, label, type Lang } from '../labels';
import type { ActionKind, DecisionName, Step } from '../model/schema';
import type { IncidentState, NeedKind, Release, StepNeed } from '../model/state';
import { handlingCleared, needsPlanApproval, reportedEnough } from '../decisions/changes';
import { responseCounts } from '../decisions/handling';
import { missingActions, releaseRequired } from '../rules/categories';
import { STEP_ORDER } from '../rules/steps';

type Needs = Partial<Record<Step, StepNeed[]>>;

/** the decision that moves a release on from where it stands */
const NEXT_FOR_RELEASE: Record<Release['status'], DecisionName[]> = {
  drafted: ['releaseReviewed'],
  reviewed: ['releaseApproved'],
  // published by the workflow itself, or returned to its drafter when publishing failed
  approved: [],
  returned: ['releaseDrafted'],
  published: [],
};

const or = (lang: Lang) => (lang === 'en' ? ' or ' : '或');

function need(kind: Exclude<NeedKind, 'action' | 'releaseInFlight'>, decisions: DecisionName[], lang: Lang): StepNeed {
  return { kind, text: label('need', kind, lang), decisions };
}

function actionNeed(anyOf: ActionKind[], lang: Lang): StepNeed {
  return { kind: 'action', text: anyOf.map((a) => label('action', a, lang)).join(or(lang)), decisions: ['actionRecorded'], anyOf };
}

function releaseNeed(r: Release, lang: Lang): StepNeed {
  const text = label('need', 'releaseInFlight', lang).replace('{no}', String(r.no)).replace('{status}', label('releaseStatus', r.status, lang));
  return { kind: 'releaseInFlight', text, decisions: NEXT_FOR_RELEASE[r.status], releaseNo: r.no, releaseStatus: r.status };
}

/** the needs that hold, in order */
const open = (needs: (StepNeed | false)[]): StepNeed[] => needs.filter((n): n is StepNeed => n !== false);

const factsEstablished = (s: IncidentState) => s.findings?.accepted === true;

/** Where the office drafts the plan, leadership decides only once a draft waits for it. */
function planDecisions(s: IncidentState): DecisionName[] {
  const awaitingDecision = !!s.plan?.draftedBy && s.plan.decision === undefined;
  return s.officeDrafts && !awaitingDecision ? ['planDrafted'] : ['planDecided'];
}

/** A response counts once approved where the office drafts it: then the approval is what is needed. */
function responseDecisions(s: IncidentState): DecisionName[] {
  return s.responses.some((r) => r.status === 'drafted') ? ['responseApproved'] : ['responseRecorded'];
}

function monitorNeeds(s: IncidentState, lang: Lang): StepNeed[] {
  return open([
    !!s.origin && !s.assessment?.confirmed && need('assessment', ['assessed'], lang),
    !reportedEnough(s) && need('report', ['reportFiled'], lang),
    needsPlanApproval(s) && s.plan?.decision !== 'approved' && need('planApproval', planDecisions(s), lang),
  ]);
}

function verifyNeeds(s: IncidentState, lang: Lang): StepNeed[] {
  if (!s.findings || s.findings.accepted === false) return [need('findings', ['findingsSubmitted'], lang)];
  return s.findings.accepted === undefined ? [need('findingsReview', ['findingsReviewed'], lang)] : [];
}

/** Steps 3 to 5 act on accepted findings, and after a rise into major on an approved plan again. */
function handlingGates(s: IncidentState, lang: Lang): StepNeed[] {
  return open([!factsEstablished(s) && need('facts', [], lang), !handlingCleared(s) && need('planApproval', planDecisions(s), lang)]);
}

function coordinateNeeds(s: IncidentState, lang: Lang): StepNeed[] {
  // before the findings are accepted only the category's own actions are known
  const verdict = factsEstablished(s) ? s.findings!.verdict : undefined;
  return [...handlingGates(s, lang), ...missingActions(s.category, verdict, s.actions).map((anyOf) => actionNeed(anyOf, lang))];
}

function guideNeeds(s: IncidentState, lang: Lang): StepNeed[] {
  return open([!factsEstablished(s) && need('facts', [], lang), !s.responses.some(responseCounts) && need('response', responseDecisions(s), lang)]);
}

function publishNeeds(s: IncidentState, lang: Lang): StepNeed[] {
  const published = s.releases.some((r) => r.status === 'published');
  // a general inquiry or suggestion is answered by the reply: the step is skipped once the facts are in
  if (!published && !s.releases.length && !releaseRequired(s.severity, s.category)) return [];
  const inFlight = s.releases.filter((r) => r.status === 'drafted' || r.status === 'reviewed' || r.status === 'approved' || (r.status === 'returned' && !published));
  return [...handlingGates(s, lang), ...(published || inFlight.length ? [] : [need('release', ['releaseDrafted'], lang)]), ...inFlight.map((r) => releaseNeed(r, lang))];
}

function summarizeNeeds(s: IncidentState, lang: Lang): StepNeed[] {
  if (!s.summary || s.summary.decision === 'returned') return [need('summary', ['summarySubmitted'], lang)];
  return s.summary.decision ? [] : [need('summaryApproval', ['summaryDecided'], lang)];
}

const BY_STEP: Record<Step, (s: IncidentState, lang: Lang) => StepNeed[]> = {
  monitor: monitorNeeds,
  verify: verifyNeeds,
  coordinate: coordinateNeeds,
  guide: guideNeeds,
  publish: publishNeeds,
  track: (s, lang) => (s.stabilisedAt ? [] : [need('stabilisation', ['stabilised'], lang)]),
  summarize: summarizeNeeds,
};

/** The open needs of every active step; steps not under way, and a closed incident, need nothing. */
export function stepNeeds(s: IncidentState, lang: Lang = DEFAULT_LANG): Needs {
  if (s.closed) return {};
  const needs: Needs = {};
  for (const step of STEP_ORDER) {
    if (s.steps[step].status !== 'active') continue;
    const left = BY_STEP[step](s, lang);
    if (left.length) needs[step] = left;
  }
  return needs;
}
