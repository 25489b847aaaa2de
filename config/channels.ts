// Where the activities send their side effects: the data directory, the notification channels per
// role (webhooks from the environment; chat robots and e-mail per role and event type from the
// file named by YUQING_NOTIFY_CONFIG, see notify-file.ts) and the publication channel. Validated
// once when the worker starts, like config/env.ts, so a wrong webhook URL or a missing secret stops
// the worker instead of failing every activity attempt later.
import { loadTrustRoot } from './signing';
import type { TrustRoot } from '../domain/rules/trust';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { USERS_FILE } from '../domain/data-layout';
import { PERSON_ROLES, type Role } from '../domain/model/schema';
import { ConfigError, parseSettings, publicUrl, type Env } from './env';
import { loadNotifyFile, NotifyFileError, type NotifyFileConfig } from './notify-file';
import { loadOrganisationFile, type OrganisationProfile } from './organisation-file';

const webhookUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
/** "a@x.cn, b@x.cn" → ['a@x.cn', 'b@x.cn']: who the channels address for that role */
const recipientList = z
  .string()
  .transform((s) => s.split(',').map((r) => r.trim()).filter(Boolean))
  .pipe(z.array(z.string().max(200)).max(100));

const upper = (role: Role) => role.toUpperCase();
const perRole = <T extends z.ZodType>(prefix: string, schema: T) =>
  Object.fromEntries(PERSON_ROLES.map((r) => [`${prefix}_${upper(r)}`, schema])) as Record<string, T>;

const ChannelsEnv = z
  .object({
    /** the default webhook every role's notices go to; YUQING_NOTIFY_WEBHOOK_URL_<ROLE> overrides it */
    YUQING_NOTIFY_WEBHOOK_URL: webhookUrl.optional(),
    ...perRole('YUQING_NOTIFY_WEBHOOK_URL', webhookUrl.optional()),
    ...perRole('YUQING_NOTIFY_RECIPIENTS', recipientList.default([])),
    YUQING_PUBLISH_CHANNEL: z.enum(['file', 'webhook']).default('file'),
    YUQING_PUBLISH_WEBHOOK_URL: webhookUrl.optional(),
    YUQING_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    /** a JSON file of chat robots and mailboxes (config/notify.example.json shows the format) */
    YUQING_NOTIFY_CONFIG: z.string().min(1).optional(),
    /** the organisation that issues the documents (config/organisation.example.jsonc shows the format) */
    YUQING_ORGANISATION_FILE: z.string().min(1).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.YUQING_PUBLISH_CHANNEL === 'webhook' && !v.YUQING_PUBLISH_WEBHOOK_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['YUQING_PUBLISH_WEBHOOK_URL'],
        message: 'is required when YUQING_PUBLISH_CHANNEL=webhook',
      });
    }
  });

export type PublishChannelConfig = { channel: 'file' } | { channel: 'webhook'; url: string };

export interface ActivityConfig {
  /** absolute, so a worker that changes directory still writes to the same place */
  dataDir: string;
  /** the users file the API keeps (YUQING_USERS_FILE, else the data folder's), read only: the contacts of the people on duty, and who may own a deadline */
  usersFile: string;
  /** base of the links in notices (the incident page) */
  publicUrl: string;
  notify: {
    /** the webhook each role's notices go to, if any; the log channel is always on */
    webhooks: Partial<Record<Role, string>>;
    recipients: Record<Role, string[]>;
    /** the chat robots and mailboxes, their routes and contacts, secrets resolved; absent without YUQING_NOTIFY_CONFIG */
    channels?: NotifyFileConfig;
  };
  publish: PublishChannelConfig;
  webhookTimeoutMs: number;
  /** who issues the documents, read once at the worker's start */
  organisation: OrganisationProfile;
  /** the signing keys the organisation trusts, read afresh at each incident's start */
  trustRoot: () => TrustRoot;
}

/**
 * `env` carries the settings shared with the rest of the system; the channel variables are read
 * from `source` because the shared schema does not know them.
 */
export function loadActivityConfig(env: Env, source: NodeJS.ProcessEnv = process.env): ActivityConfig {
  const v = parseSettings(ChannelsEnv, source) as z.infer<typeof ChannelsEnv> & Record<string, unknown>;
  const webhooks: Partial<Record<Role, string>> = {};
  const recipients = {} as Record<Role, string[]>;
  for (const role of PERSON_ROLES) {
    const url = (v[`YUQING_NOTIFY_WEBHOOK_URL_${upper(role)}`] as string | undefined) ?? v.YUQING_NOTIFY_WEBHOOK_URL;
    if (url) webhooks[role] = url;
    recipients[role] = v[`YUQING_NOTIFY_RECIPIENTS_${upper(role)}`] as string[];
  }
  const dataDir = resolve(env.YUQING_DATA_DIR);
  return {
    dataDir,
    usersFile: resolve(env.YUQING_USERS_FILE ?? join(dataDir, USERS_FILE)),
    trustRoot: () => loadTrustRoot(dataDir, source),
    publicUrl: publicUrl(env).replace(/\/+$/, ''),
    notify: { webhooks, recipients, channels: v.YUQING_NOTIFY_CONFIG ? notifyFile(v.YUQING_NOTIFY_CONFIG, source) : undefined },
    publish:
      v.YUQING_PUBLISH_CHANNEL === 'webhook'
        ? { channel: 'webhook', url: v.YUQING_PUBLISH_WEBHOOK_URL as string }
        : { channel: 'file' },
    webhookTimeoutMs: v.YUQING_WEBHOOK_TIMEOUT_MS,
    organisation: loadOrganisationFile(v.YUQING_ORGANISATION_FILE && resolve(v.YUQING_ORGANISATION_FILE)),
  };
}

function notifyFile(path: string, source: NodeJS.ProcessEnv): NotifyFileConfig {
  try {
    return loadNotifyFile(resolve(path), source);
  } catch (err) {
    if (!(err instanceof NotifyFileError)) throw err;
    throw new ConfigError(`invalid configuration:\n${err.problems.map((p) => `  YUQING_NOTIFY_CONFIG (${path}) ${p}`).join('\n')}`);
  }
}
