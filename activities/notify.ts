// Tells people that something needs them (a breach, an escalation, a decision to take). Channels
// are pluggable (webhooks here; chat robots and e-mail in ./channels); the log channel is always on
// so every notice is on record in the incident's folder even when nothing else is configured. Each
// channel delivery is recorded in the ledger on its own, so a retry after one channel failed does
// not repeat the channels that already succeeded. The worker's own log, which more people read than
// the data folder, gets one line per attempt with ids, event and each channel's outcome: never the
// notice's title or text.
import { join } from 'node:path';
import { asyncLocalStorage } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { ActivityConfig } from '../config/channels';
import type { Person } from '../config/notify-file';
import { PERSON_ROLES, type Role } from '../domain/model/schema';
import { channelRoutes } from './channels';
import { noticesLog } from '../domain/data-layout';
import { onDutyFor } from './on-duty';
import { appendLine, safeSegment } from './files';
import type { Ledger } from './ledger';
import type { IncidentActivities, NotifyInput } from './types';
import { postJson } from './webhook';
import { inLanguage } from './delivery-failure';

export interface Notice extends NotifyInput {
  /** the incident page, for the reader to act on */
  link: string;
  /** the people on duty it also addresses (activities/on-duty.ts); absent when nobody is on duty */
  onDuty?: { name: string; displayName: string }[];
}

export interface NotifyChannel {
  readonly name: string;
  /**
   * whom it addresses for these roles and these people on duty (e-mail addresses, ids to @); the
   * configured recipient names when absent
   */
  recipients?(roles: readonly Role[], onDuty: readonly Person[]): string[];
  send(message: Notice, recipients: string[]): Promise<void>;
}

const currentAttempt = () => asyncLocalStorage.getStore()?.info.attempt;

/** What the worker log says of one attempt at a notice: who and what it was for, and how each channel fared. */
function logAttempt(input: NotifyInput, channels: string[], outcomes: PromiseSettledResult<unknown>[]): void {
  const line = {
    type: 'notice',
    at: new Date().toISOString(),
    attempt: currentAttempt(),
    workflowId: input.workflowId,
    idempotencyKey: input.idempotencyKey,
    event: input.event,
    roles: input.roles,
    channels: channels.map((channel, i) => {
      const o = outcomes[i]!;
      // the failure's type, not its message: a robot's or webhook's message may quote its URL and token
      return o.status === 'fulfilled' ? { channel, outcome: 'delivered' } : { channel, outcome: 'failed', failure: failureType(o.reason) };
    }),
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

const failureType = (err: unknown) => (err instanceof ApplicationFailure ? err.type : err instanceof Error ? err.name : typeof err);

export function logChannel(dataDir: string): NotifyChannel {
  return {
    name: 'log',
    async send(message, recipients) {
      const line = JSON.stringify({ type: 'notice', at: new Date().toISOString(), attempt: currentAttempt(), recipients, ...message });
      await appendLine(join(dataDir, noticesLog(safeSegment(message.workflowId))), line);
    },
  };
}

export function webhookChannel(name: string, url: string, timeoutMs: number): NotifyChannel {
  return {
    name,
    async send(message, recipients) {
      // the receiver sees the same key on every attempt and can drop repeats itself
      await postJson(url, { ...message, recipients }, message.idempotencyKey, timeoutMs);
    },
  };
}

/** A channel and the roles whose notices it carries; one channel may have several routes. */
export interface Route {
  channel: NotifyChannel;
  roles: readonly Role[];
  /** the event types it carries for those roles; every type when absent */
  events?: readonly NotifyInput['event'][];
}

/** The log channel for every role, one webhook channel per distinct configured URL, and the configured robots and mailboxes. */
export function routesFrom(config: ActivityConfig): Route[] {
  const byUrl = new Map<string, Role[]>();
  for (const role of PERSON_ROLES) {
    const url = config.notify.webhooks[role];
    if (url) byUrl.set(url, [...(byUrl.get(url) ?? []), role]);
  }
  const webhooks = [...byUrl].map(([url, roles]) => ({
    channel: webhookChannel(`webhook:${roles.join(',')}`, url, config.webhookTimeoutMs),
    roles,
  }));
  return [{ channel: logChannel(config.dataDir), roles: PERSON_ROLES }, ...webhooks, ...channelRoutes(config)];
}

export function createNotify(config: ActivityConfig, ledger: Ledger, routes = routesFrom(config)): IncidentActivities['notify'] {
  return async (input) => {
    const { result, duplicate } = await ledger.once(input.idempotencyKey, async () => {
      // who is on duty when the notice goes, not when it was owed
      const onDuty = onDutyFor(config, input.roles, Date.now(), input.department);
      const message: Notice = {
        ...input,
        link: `${config.publicUrl}/incidents/${encodeURIComponent(input.workflowId)}`,
        ...(onDuty.people.length ? { onDuty: onDuty.people } : {}),
      };
      const due = new Map<NotifyChannel, Set<Role>>();
      for (const route of routes) {
        if (route.events && !route.events.includes(input.event)) continue;
        const roles = route.roles.filter((r) => input.roles.includes(r));
        // a notice for no role at all still goes on record in the log
        if (roles.length > 0 || route.channel.name === 'log') due.set(route.channel, new Set([...(due.get(route.channel) ?? []), ...roles]));
      }
      const outcomes = await Promise.allSettled(
        [...due].map(([channel, roleSet]) => {
          const roles = [...roleSet];
          const people = roles.flatMap((r) => onDuty.byRole[r] ?? []);
          const recipients = channel.recipients?.(roles, people) ?? [...new Set(roles.flatMap((r) => config.notify.recipients[r]))];
          return ledger.once(`${input.idempotencyKey}\n${channel.name}`, () => channel.send(message, recipients));
        }),
      );
      logAttempt(input, [...due.keys()].map((channel) => channel.name), outcomes);
      const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
      // a retryable failure goes first, so Temporal keeps retrying the channel that can still succeed
      const first = failures.find((e) => !(e instanceof ApplicationFailure && e.nonRetryable)) ?? failures[0];
      if (first !== undefined) throw inLanguage(first, input.script);
      // the log files the notice with the incident; a role only it carries to has been told nothing
      const reached = new Set([...due].flatMap(([channel, roles]) => (channel.name === 'log' ? [] : [...roles])));
      const unreached = input.roles.filter((r) => !reached.has(r));
      return { delivered: [...due.keys()].map((channel) => channel.name), ...(unreached.length ? { unreached } : {}) };
    });
    return { delivered: result.delivered, duplicate, ...(result.unreached ? { unreached: result.unreached } : {}) };
  };
}
