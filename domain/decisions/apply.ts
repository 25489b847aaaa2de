// What an admitted decision does to the incident's state: its spec's change, and the timeline entry
// that says who did it and whether it was signed. Called only after admitDecision passed.
import type { PolicySnapshot } from '../model/schema';
import type { IncidentState, TimelineEntry } from '../model/state';
import { label } from '../labels';
import { written } from '../script';
import { type DecisionName, type DecisionPayload, DECISIONS } from './index';
import type { Applied, ApplyContext, DecisionSpec } from './spec';

export interface ApplyOptions {
  nowMs: number;
  signed: boolean;
  bindDrafts: boolean;
  reopenOnRise: boolean;
}

export function applyDecision<N extends DecisionName>(s: IncidentState, policy: PolicySnapshot, name: N, payload: DecisionPayload<N>, opts: ApplyOptions): Applied {
  const at = new Date(opts.nowMs).toISOString();
  const ctx: ApplyContext = { policy, nowMs: opts.nowMs, at, mark: opts.signed ? {} : { unsigned: true }, bindDrafts: opts.bindDrafts, reopenOnRise: opts.reopenOnRise, result: { deadlinesChanged: false, late: [] } };
  const text = (DECISIONS[name] as unknown as DecisionSpec).apply(s, payload as never, ctx);
  const zh = `${label('decision', name)}｜${text}${opts.signed ? '' : '（未签名，直接发送至 Temporal）'}`;
  const en = `${label('decision', name, 'en')} | ${text}${opts.signed ? '' : ' (unsigned, sent straight to Temporal)'}`;
  const entry: TimelineEntry = { at, kind: 'decision', decision: name, by: payload.by.name, signed: opts.signed, text: written(s, zh, en) };
  s.timeline.push(entry);
  return ctx.result;
}
