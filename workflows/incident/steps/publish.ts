// Step 5 信息发布: drafted by the department, reviewed by the office, approved by leadership,
// then published. The publisher runs for the incident's whole life, because progress and final
// releases follow during tracking ("快报事实,慎报原因,重报进展").
import { condition } from '@temporalio/workflow';
import { meetDeadline } from '../../../domain/incident/deadline-book';
import { publishRelease } from '../effects';
import type { Deadline } from '../../../domain/model/state';
import type { IncidentRun } from '../run';
import { releaseRequired } from '../../../domain/rules/categories';
import { factsEstablished } from './verify';
import { written } from '../../../domain/script';

const inFlight = (run: IncidentRun) => run.state.releases.some((r) => r.status === 'drafted' || r.status === 'reviewed' || r.status === 'approved');

export async function publish(run: IncidentRun): Promise<void> {
  const s = run.state;
  if (s.steps.publish.status === 'done' || s.steps.publish.status === 'skipped') return;
  run.setStep('publish', 'active');
  await condition(() => factsEstablished(run));
  if (!releaseRequired(s.severity, s.category) && !s.releases.length) {
    run.setStep('publish', 'skipped', ['一般询问、建议以答复网民处置，无需发布通稿', 'a general inquiry or suggestion is answered by the reply: no statement needed']);
    return;
  }
  await condition(() => s.releases.some((r) => r.status === 'published') && !inFlight(run));
  run.setStep('publish', 'done');
}

export async function publishApproved(run: IncidentRun): Promise<never> {
  for (;;) {
    await condition(() => run.state.releases.some((r) => r.status === 'approved'));
    const release = run.state.releases.find((r) => r.status === 'approved')!;
    const published = await publishRelease(run, release);
    const late: Deadline[] = [];
    run.update((s) => {
      if (!published) {
        // failed after all retries: back to the drafter, so a person decides what to do
        release.status = 'returned';
        return;
      }
      const now = Date.now();
      release.status = 'published';
      release.publishedAt = new Date(now).toISOString();
      s.timeline.push({ at: release.publishedAt, kind: 'published', text: written(s, `发布第${release.no}号通稿《${release.title}》：${release.channels.join('、')}`, `Published statement #${release.no} "${release.title}": ${release.channels.join(', ')}`) });
      for (const kind of ['authoritativeRelease', 'initialResponse'] as const) {
        const met = meetDeadline(s, kind, now);
        if (met) late.push(met);
      }
      run.deadlinesMoved();
    });
    for (const d of late) run.recordLate(d);
  }
}
