// What each active step still needs, in words, and which decisions would provide it: the same
// conditions the steps wait on, walked through an incident by the pure decision path.
import { describe, expect, it } from 'vitest';
import { stepNeeds } from '../../domain/incident/needs';
import type { IncidentState } from '../../domain/model/state';
import { people } from '../workflows/fixtures';
import { decide, stateFor } from './decide';

const texts = (s: IncidentState) => Object.fromEntries(Object.entries(stepNeeds(s)).map(([step, needs]) => [step, needs.map((n) => n.text)]));

/** the steps that run together once monitoring ends (workflow.ts) */
function handlingStarted(s: IncidentState) {
  s.steps.monitor.status = 'done';
  for (const step of ['verify', 'coordinate', 'guide', 'publish'] as const) s.steps[step].status = 'active';
}

describe('stepNeeds', () => {
  it('step 1 at major needs the report and the approved plan; an alert first needs its 研判', () => {
    const { s, input } = stateFor('major', 'hype');
    expect(texts(s)).toEqual({ monitor: ['上報', '處置方案獲批'] });
    expect(stepNeeds(s).monitor?.map((n) => n.decisions)).toEqual([['reportFiled'], ['planDecided']]);
    decide(s, input, 'reportFiled', people.handler, { channel: 'verbal', to: '縣委宣傳部' });
    expect(texts(s)).toEqual({ monitor: ['處置方案獲批'] });
    expect(stepNeeds(s, 'en').monitor?.[0]?.text).toBe('an approved handling plan');

    const alert = stateFor('general', 'hype').s;
    alert.origin = { sourceSystem: '輿情監測平台', url: 'https://weibo.example/post/1', seenAt: alert.incident.discoveredAt };
    // a general item reports as it sees fit: nothing falls due, so step 1 does not wait for a report
    expect(texts(alert)).toEqual({ monitor: ['信息員研判'] });
  });

  it('coordination names the actions the category and the accepted verdict still owe (「尚需 答復、更正」)', () => {
    const { s, input } = stateFor('general', 'inquiry');
    handlingStarted(s);
    // before the findings are accepted: the facts, and the reply an inquiry owes whatever they say
    expect(texts(s).coordinate).toEqual(['核查結論通過審核', '答復']);
    decide(s, input, 'findingsSubmitted', people.handler, { verdict: 'partial', facts: '部分屬實' });
    expect(texts(s).verify).toEqual(['核查結論的審核']);
    decide(s, input, 'findingsReviewed', people.office, { accept: true });
    expect(texts(s).verify).toBeUndefined();
    expect(texts(s).coordinate).toEqual(['答復', '更正']);
    expect(stepNeeds(s).coordinate?.map((n) => [n.kind, n.anyOf, n.decisions])).toEqual([
      ['action', ['reply'], ['actionRecorded']],
      ['action', ['correction'], ['actionRecorded']],
    ]);
    decide(s, input, 'actionRecorded', people.handler, { kind: 'reply', description: '已答復網民' });
    expect(texts(s).coordinate).toEqual(['更正']);
  });

  it('a confirmed verdict owes one of the measures, worded as alternatives', () => {
    const { s, input } = stateFor('significant', 'hype');
    handlingStarted(s);
    decide(s, input, 'findingsSubmitted', people.handler, { verdict: 'confirmed', facts: '屬實' });
    decide(s, input, 'findingsReviewed', people.office, { accept: true });
    expect(texts(s).coordinate).toEqual(['問責或更正或網下解決問題']);
    expect(stepNeeds(s, 'en').coordinate?.[0]?.text).toBe('Accountability or Correction or Offline resolution');
  });

  it('guidance needs a response; publication a release, then each release in flight by where it stands', () => {
    const { s, input } = stateFor('significant', 'hype');
    handlingStarted(s);
    decide(s, input, 'findingsSubmitted', people.handler, { verdict: 'unfounded', facts: '不實' });
    decide(s, input, 'findingsReviewed', people.office, { accept: true });
    expect(texts(s)).toEqual({ guide: ['以單位名義的回應'], publish: ['已發布的通稿'] });
    decide(s, input, 'releaseDrafted', people.handler, { kind: 'facts', title: '情況通報', body: '經核查不實。', channels: ['官網'] });
    expect(texts(s).publish).toEqual(['第1號通稿待審改']);
    expect(stepNeeds(s).publish?.[0]).toMatchObject({ kind: 'releaseInFlight', releaseNo: 1, releaseStatus: 'drafted', decisions: ['releaseReviewed'] });
    decide(s, input, 'releaseReviewed', people.office, { releaseNo: 1, approve: true });
    expect(stepNeeds(s).publish?.[0]).toMatchObject({ text: '第1號通稿待審定', decisions: ['releaseApproved'] });
    decide(s, input, 'releaseApproved', people.leader, { releaseNo: 1, approve: false, comment: '措辭再斟酌' });
    expect(stepNeeds(s).publish?.[0]).toMatchObject({ text: '第1號通稿退回修改', decisions: ['releaseDrafted'] });
    decide(s, input, 'responseRecorded', people.handler, { kind: 'statement', content: '已關注', channel: '官方微博' });
    expect(texts(s).guide).toBeUndefined();
  });

  it('a general inquiry needs no release: its reply answers it', () => {
    const { s } = stateFor('general', 'inquiry');
    handlingStarted(s);
    expect(texts(s).publish).toBeUndefined();
  });

  it('after a rise into major, coordination and publication need the plan approved again', () => {
    const { s, input } = stateFor('significant', 'hype');
    handlingStarted(s);
    decide(s, input, 'escalate', people.handler, { severity: 'major', reason: '主流媒體轉載' });
    expect(texts(s).coordinate).toEqual(['核查結論通過審核', '處置方案獲批']);
    expect(texts(s).publish).toEqual(['核查結論通過審核', '處置方案獲批', '已發布的通稿']);
    expect(texts(s).guide).toEqual(['核查結論通過審核', '以單位名義的回應']);
  });

  it('tracking needs leadership to confirm it stable; the summary needs writing, then approving; a closed incident nothing', () => {
    const { s, input } = stateFor('significant', 'hype');
    for (const step of ['monitor', 'verify', 'coordinate', 'guide', 'publish'] as const) s.steps[step].status = 'done';
    s.steps.track.status = 'active';
    expect(texts(s)).toEqual({ track: ['領導確認平穩'] });
    decide(s, input, 'stabilised', people.leader, { reason: '已平息' });
    s.steps.track.status = 'done';
    s.steps.summarize.status = 'active';
    expect(texts(s)).toEqual({ summarize: ['處置總結'] });
    decide(s, input, 'summarySubmitted', people.handler, { lessons: '及早回應' });
    expect(texts(s)).toEqual({ summarize: ['總結獲批'] });
    decide(s, input, 'summaryDecided', people.leader, { approve: false, comment: '補充時間線' });
    expect(texts(s)).toEqual({ summarize: ['處置總結'] });
    s.closed = { at: s.incident.discoveredAt, outcome: 'withdrawn', reason: '重複' };
    expect(stepNeeds(s)).toEqual({});
  });
});
