// Puts an approved release out through the configured channel: files under data/published (the
// default, for an organisation that copies them to its site by hand or by a sync job) or a webhook
// to its publishing system. A drill's release (演练) goes to data/sandbox/published whatever the
// channel, so practice never reaches the public. The ledger makes a retried attempt return the first result.
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import type { ActivityConfig } from '../config/channels';
import type { Release } from '../domain/model/state';
import { releasesFolder, sandboxReleasesFolder } from '../domain/data-layout';
import { dataRef, safeSegment, writeAtomic } from './files';
import type { Ledger } from './ledger';
import { toMarkdown } from './templates/doc';
import { releaseDoc } from './templates/release';
import { drillMarked } from '../domain/incident/drill';
import type { IncidentActivities, PublishInput } from './types';
import { postJson } from './webhook';

/** A release leaves the organisation only after leadership approved it (审定), SPEC §2 step 5. */
function assertApproved(release: Release): void {
  const approved = release.reviews.some((r) => r.stage === 'approval' && r.approve);
  if (!approved || (release.status !== 'approved' && release.status !== 'published')) {
    throw ApplicationFailure.nonRetryable(
      `release ${release.no} is ${release.status} without leadership approval: it cannot be published`,
      'ReleaseNotApproved',
    );
  }
}

async function toFiles(dataDir: string, { workflowId, release, idempotencyKey, drill }: PublishInput, at: string): Promise<string[]> {
  const dir = join(dataDir, (drill ? sandboxReleasesFolder : releasesFolder)(safeSegment(workflowId)));
  const markdown = join(dir, `${release.no}.md`);
  const json = join(dir, `${release.no}.json`);
  const doc = releaseDoc(release, at);
  await writeAtomic(markdown, toMarkdown(drill ? { ...doc, title: drillMarked(true, doc.title) } : doc));
  await writeAtomic(json, `${JSON.stringify({ workflowId, idempotencyKey, publishedAt: at, ...(drill ? { drill } : {}), release }, null, 2)}\n`);
  return [dataRef(dataDir, markdown), dataRef(dataDir, json)];
}

/** The receiver may answer with where it put the release: `{url}` or `{refs:[..]}`. */
function refsFrom(body: unknown, url: string): string[] {
  const b = (body ?? {}) as { url?: unknown; refs?: unknown };
  if (Array.isArray(b.refs) && b.refs.every((r) => typeof r === 'string') && b.refs.length) return b.refs;
  if (typeof b.url === 'string') return [b.url];
  return [`webhook:${new URL(url).host}`];
}

export function createPublishRelease(config: ActivityConfig, ledger: Ledger): IncidentActivities['publishRelease'] {
  return async (input) => {
    assertApproved(input.release);
    const { result, duplicate } = await ledger.once(input.idempotencyKey, async () => {
      const at = new Date().toISOString();
      const publish = config.publish;
      if (publish.channel === 'file' || input.drill) return { refs: await toFiles(config.dataDir, input, at) };
      const response = await postJson(
        publish.url,
        { workflowId: input.workflowId, publishedAt: at, release: input.release },
        input.idempotencyKey,
        config.webhookTimeoutMs,
      );
      return { refs: refsFrom(response.body, publish.url) };
    });
    return { refs: result.refs, duplicate };
  };
}
