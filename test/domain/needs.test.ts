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
    expect(texts(s)).toEqual({ monitor: ['上报', '处置方案获批'] });
    expect(stepNeeds(s).monitor?.map((n) => n.decisions)).toEqual([['reportFiled'], ['planDecided']]);
    decide(s, input, 'reportFiled', people.handler, { channel: 'verbal', to: '县委宣传部' });
    expect(texts(s)).toEqual({ monitor: ['处置方案获批'] });
    expect(stepNeeds(s, 'en').monitor?.[0]?.text).toBe('an approved handling plan');

    const alert = stateFor('general', 'hype').s;
    alert.origin = { sourceSystem: '舆情监测平台', url: 'https://weibo.example/post/1', seenAt: alert.incident.discoveredAt };
    // a general item reports as it sees fit: nothing falls due, so step 1 does not wait for a report
    expect(texts(alert)).toEqual({ monitor: ['信息员研判'] });
  });

  it('coordination names the actions the category and the accepted verdict still owe (「尚需 答复、更正」)', () => {
    const { s, input } = stateFor('general', 'inquiry');
    handlingStarted(s);
    // before the findings are accepted: the facts, and the reply an inquiry owes whatever they say
    expect(texts(s).coordinate).toEqual(['核查结论通过审核', '答复']);
    decide(s, input, 'findingsSubmitted', people.handler, { verdict: 'partial', facts: '部分属实' });
    expect(texts(s).verify).toEqual(['核查结论的审核']);
    decide(s, input, 'findingsReviewed', people.office, { accept: true });
    expect(texts(s).verify).toBeUndefined();
    expect(texts(s).coordinate).toEqual(['答复', '更正']);
    expect(stepNeeds(s).coordinate?.map((n) => [n.kind, n.anyOf, n.decisions])).toEqual([
      ['action', ['reply'], ['actionRecorded']],
      ['action', ['correction'], ['actionRecorded']],
    ]);
    decide(s, input, 'actionRecorded', people.handler, { kind: 'reply', description: '已答复网民' });
    expect(texts(s).coordinate).toEqual(['更正']);
  });

  it('a confirmed verdict owes one of the measures, worded as alternatives', () => {
    const { s, input } = stateFor('significant', 'hype');
    handlingStarted(s);
    decide(s, input, 'findingsSubmitted', people.handler, { verdict: 'confirmed', facts: '属实' });
    decide(s, input, 'findingsReviewed', people.office, { accept: true });
    expect(texts(s).coordinate).toEqual(['问责或更正或网下解决问题']);
    expect(stepNeeds(s, 'en').coordinate?.[0]?.text).toBe('Accountability or Correction or Offline resolution');
  });

  it('guidance needs a response; publication a release, then each release in flight by where it stands', () => {
    const { s, input } = stateFor('significant', 'hype');
    handlingStarted(s);
    decide(s, input, 'findingsSubmitted', people.handler, { verdict: 'unfounded', facts: '不实' });
    decide(s, input, 'findingsReviewed', people.office, { accept: true });
    expect(texts(s)).toEqual({ guide: ['以单位名义的回应'], publish: ['已发布的通稿'] });
    decide(s, input, 'releaseDrafted', people.handler, { kind: 'facts', title: '情况通报', body: '经核查不实。', channels: ['官网'] });
    expect(texts(s).publish).toEqual(['第1号通稿待审改']);
    expect(stepNeeds(s).publish?.[0]).toMatchObject({ kind: 'releaseInFlight', releaseNo: 1, releaseStatus: 'drafted', decisions: ['releaseReviewed'] });
    decide(s, input, 'releaseReviewed', people.office, { releaseNo: 1, approve: true });
    expect(stepNeeds(s).publish?.[0]).toMatchObject({ text: '第1号通稿待审定', decisions: ['releaseApproved'] });
    decide(s, input, 'releaseApproved', people.leader, { releaseNo: 1, approve: false, comment: '措辞再斟酌' });
    expect(stepNeeds(s).publish?.[0]).toMatchObject({ text: '第1号通稿退回修改', decisions: ['releaseDrafted'] });
    decide(s, input, 'responseRecorded', people.handler, { kind: 'statement', content: '已关注', channel: '官方微博' });
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
    decide(s, input, 'escalate', people.handler, { severity: 'major', reason: '主流媒体转载' });
    expect(texts(s).coordinate).toEqual(['核查结论通过审核', '处置方案获批']);
    expect(texts(s).publish).toEqual(['核查结论通过审核', '处置方案获批', '已发布的通稿']);
    expect(texts(s).guide).toEqual(['核查结论通过审核', '以单位名义的回应']);
  });

  it('tracking needs leadership to confirm it stable; the summary needs writing, then approving; a closed incident nothing', () => {
    const { s, input } = stateFor('significant', 'hype');
    for (const step of ['monitor', 'verify', 'coordinate', 'guide', 'publish'] as const) s.steps[step].status = 'done';
    s.steps.track.status = 'active';
    expect(texts(s)).toEqual({ track: ['领导确认平稳'] });
    decide(s, input, 'stabilised', people.leader, { reason: '已平息' });
    s.steps.track.status = 'done';
    s.steps.summarize.status = 'active';
    expect(texts(s)).toEqual({ summarize: ['处置总结'] });
    decide(s, input, 'summarySubmitted', people.handler, { lessons: '及早回应' });
    expect(texts(s)).toEqual({ summarize: ['总结获批'] });
    decide(s, input, 'summaryDecided', people.leader, { approve: false, comment: '补充时间线' });
    expect(texts(s)).toEqual({ summarize: ['处置总结'] });
    s.closed = { at: s.incident.discoveredAt, outcome: 'withdrawn', reason: '重复' };
    expect(stepNeeds(s)).toEqual({});
  });
});
