// The one check every decision passes, wherever it comes from: the API runs it before signalling
// (so a person hears 4xx at once), the workflow runs it again on receipt (signals also come from the
// Temporal UI and CLI). Bounded before anything recursive, schema before signature (the hash covers
// what the schema keeps, which is what the API signed), then who, the decision's own rules, whether
// it is awaited, four eyes, and the exact draft a review names. Pure: no Temporal, no clock of its own.
import { DecisionEnvelope, type Role, type SigningPolicy, type UserRef } from '../model/schema';
import type { IncidentState } from '../model/state';
import { signDecision, type Verification, verifyDecision, type VerifyContext } from '../rules/signature';
import { label as labelOf } from '../labels';
import { fieldIssues, fieldMessage, issuesText } from '../rules/issue-words';
import { roleLabel } from '../rules/roles';
import { type DecisionName, type DecisionPayload, DECISIONS } from './index';
import { payloadProblem } from './limits';
import { inEnglish, type Occasion, type Refusal } from './spec';
import { scriptOfState, wording } from '../script';

/** what the workflow knows to check a signature; the API, which signs afterwards, passes none */
export interface SignatureContext extends Omit<VerifyContext, 'name'> {
  unsignedDecisions: SigningPolicy['unsignedDecisions'];
  /** `parsed`: the hash covers what the schema keeps; `as-sent` only replays histories signed before */
  hashes: 'parsed' | 'as-sent';
  /** decisions never taken unsigned, whatever the policy */
  alwaysSigned: ReadonlySet<DecisionName>;
}

/**
 * Who may sign decides who is trusted, and an incident must not be ended by whoever reaches
 * Temporal: these are never taken unsigned, whatever the policy. (Histories recorded before the
 * one admission path had only the two key decisions.)
 */
export const ALWAYS_SIGNED: ReadonlySet<DecisionName> = new Set(['signingKeyAdded', 'signingKeyRevoked', 'withdraw', 'assessed']);
export const ALWAYS_SIGNED_BEFORE: ReadonlySet<DecisionName> = new Set(['signingKeyAdded', 'signingKeyRevoked']);

export type Admission<N extends DecisionName> =
  | { ok: true; payload: DecisionPayload<N>; signed: boolean; spent?: SpentNonce }
  | { ok: false; refusal: Refusal; by?: UserRef; spent?: SpentNonce };

/** the nonce of a validly signed decision, spent whatever comes of the decision */
export interface SpentNonce {
  nonce: string;
  issuedAt: string;
}

const hasRole = (by: UserRef, roles: readonly Role[]) => by.roles.some((r) => roles.includes(r));

/** Signs what the schema keeps of a payload, which is what admitDecision verifies. */
export function signParsed<N extends DecisionName>(name: N, payload: { by: UserRef }, opts: Omit<Parameters<typeof signDecision>[1], 'name'>) {
  return signDecision(DECISIONS[name].schema.parse(payload) as DecisionPayload<N>, { ...opts, name });
}

export function admitDecision<N extends DecisionName>(s: IncidentState, name: N, raw: unknown, signature?: SignatureContext): Admission<N> {
  const spec = DECISIONS[name];
  // refusals are composed in the incident's language; the Traditional is converted where they are written
  const english = scriptOfState(s) === 'en';
  const w = wording(scriptOfState(s));
  const lang = english ? 'en' : 'zh-Hans';
  const label = labelOf('decision', name, lang);
  const tooBig = payloadProblem(raw, lang);
  if (tooBig) {
    const message = fieldMessage('(body)', tooBig, lang);
    return { ok: false, refusal: { code: 'invalid', message: w(`格式不符（${message}）`, `malformed (${message})`), issues: [{ field: '(body)', rule: tooBig, message }] } };
  }
  // with the input in each issue, an absent field reads 必填 rather than a wrong type
  const envelope = DecisionEnvelope.safeParse(raw, { reportInput: true });
  if (!envelope.success) {
    const issues = fieldIssues(envelope.error, lang);
    return { ok: false, refusal: { code: 'invalid', message: issuesText(issues, lang), issues } };
  }
  const by = envelope.data.by;
  const parsed = spec.schema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    const issues = fieldIssues(parsed.error, lang);
    return { ok: false, by, refusal: { code: 'invalid', message: issuesText(issues, lang), issues } };
  }
  const payload = parsed.data as DecisionPayload<N>;

  let verification: Verification = { status: 'signed', keyId: '' };
  if (signature) {
    verification = verifyDecision(signature.hashes === 'parsed' ? payload : (raw as typeof payload), { ...signature, name, lang });
    if (verification.status === 'invalid') return { ok: false, by, refusal: { code: 'unauthenticated', message: w(`签名无效：${verification.reason}`, `invalid signature: ${verification.reason}`) } };
    if (verification.status === 'unsigned' && (signature.unsignedDecisions === 'reject' || signature.alwaysSigned.has(name))) {
      return { ok: false, by, refusal: { code: 'unauthenticated', message: w('未签名的决定不予接受（请经 Yuqing 网页或 API 发送）', 'unsigned decisions are not accepted (send it through the Yuqing pages or API)') } };
    }
  }
  // a validly signed decision is spent whatever comes of it, so a refused one cannot be replayed later
  const spent = verification.status === 'signed' && payload.auth ? { nonce: payload.auth.nonce, issuedAt: payload.auth.issuedAt } : undefined;
  const refuse = (refusal: Refusal): Admission<N> => ({ ok: false, by, refusal, spent });

  if (!hasRole(by, spec.roles)) return refuse({ code: 'forbidden', message: w(`「${label}」须由${spec.roles.map((r) => roleLabel(r)).join('或')}决定`, `"${label}" is for the ${spec.roles.map((r) => roleLabel(r, 'en')).join(' or ')} to decide`) });
  const problem = (spec.check as ((s: IncidentState, p: unknown, by: UserRef) => Refusal | undefined) | undefined)?.(s, payload, by);
  if (problem) return refuse(english ? inEnglish(problem) : problem);

  const addresses = (spec.addresses ?? (() => true)) as (o: Occasion, p: unknown) => boolean;
  const open = spec.occasions(s).filter((o) => !s.closed && addresses(o, payload));
  if (open.length === 0) {
    const { releaseNo, responseNo } = payload as { releaseNo?: number; responseNo?: number };
    const which = releaseNo !== undefined ? w(`（第${releaseNo}号通稿）`, ` (release #${releaseNo})`) : responseNo !== undefined ? w(`（第${responseNo}号回应）`, ` (response #${responseNo})`) : '';
    return refuse({ code: 'not-pending', message: w(`「${label}」${which}目前不在待办之列`, `"${label}"${which} is not pending now`) });
  }
  const mine = open.filter((o) => !o.excludedUsers?.includes(by.id));
  if (mine.length === 0) return refuse({ code: 'separation', message: w(`「${label}」不得由起草或提交者本人决定（${by.name}）`, `"${label}" may not be decided by whoever drafted or submitted it (${by.name})`) });
  const named = (payload as { draftHash?: string }).draftHash;
  if (!mine.some((o) => o.draftHash === undefined || o.draftHash === named)) {
    return refuse({
      code: 'stale-draft',
      message: w(
        `「${label}」所审版本已变更或未注明：请就目前版本（draftHash ${mine[0]!.draftHash!.slice(0, 12)}…）重新决定`,
        `"${label}": the version reviewed has changed or is not named; decide again on the current one (draftHash ${mine[0]!.draftHash!.slice(0, 12)}…)`,
      ),
      issues: [{ field: 'draftHash', rule: 'must name the version now awaiting this decision', message: fieldMessage('draftHash', labelOf('validation', 'currentDraft', lang), lang) }],
    });
  }
  return { ok: true, payload, signed: verification.status === 'signed', spent };
}
