// The notification channels file named by YUQING_NOTIFY_CONFIG: the chat robots and mailboxes,
// which roles and event types each one carries, and whom it addresses. The file itself holds no
// secret, so it can be reviewed and versioned: a robot URL (it carries the robot's key), a signing
// secret or an SMTP password is named by environment variable or by file and read here, once, when
// the worker starts (rotating one means restarting the worker).
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import type { NotifyInput } from '../activities/types';
import { NOTICE_KINDS, PERSON_ROLES, type Role } from '../domain/model/schema';

export type NotifyEvent = NotifyInput['event'];
export const NOTIFY_EVENTS = NOTICE_KINDS;

export const SecretRef = z.union(
  [
    z.strictObject({ env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/) }),
    z.strictObject({ file: z.string().min(1) }),
  ],
  { error: 'must be {"env": "VARIABLE"} or {"file": "path"}: secrets are never written in this file' },
);
export type SecretRef = z.infer<typeof SecretRef>;

/** Every robot documents about 20 messages a minute (Feishu allows more); the default keeps under all of them. */
const RateLimit = z.strictObject({
  messages: z.number().int().min(1).max(1000),
  perSeconds: z.number().min(0.1).max(3600),
});
export type RateLimit = z.infer<typeof RateLimit>;
const DEFAULT_RATE: RateLimit = { messages: 20, perSeconds: 60 };

const robot = { webhook: SecretRef, rateLimit: RateLimit.default(DEFAULT_RATE) };
const mailbox = z.string().regex(/^[^<>@\s]+@[^<>@\s]+$|<[^<>@\s]+@[^<>@\s]+>$/, 'must be an address, optionally as "名称 <address>"');

const Channel = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('wecom'), ...robot }),
  // 加签 is optional because a robot may be secured by keywords or an IP list instead
  z.strictObject({ type: z.literal('dingtalk'), ...robot, secret: SecretRef.optional() }),
  z.strictObject({ type: z.literal('feishu'), ...robot, secret: SecretRef.optional() }),
  z.strictObject({
    type: z.literal('email'),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(587),
    /** implicit: TLS from the first byte (port 465); starttls: upgrade or refuse; none: a relay on this host only */
    tls: z.enum(['implicit', 'starttls', 'none']).default('starttls'),
    user: z.string().min(1).optional(),
    password: SecretRef.optional(),
    from: mailbox,
  }),
]);

const Person = z.strictObject({
  name: z.string().min(1).max(50),
  email: z.email().optional(),
  /** DingTalk @-mentions people by mobile number */
  mobile: z.string().regex(/^\+?\d{6,15}$/, 'must be digits, optionally after a +').optional(),
  /** WeCom @-mentions people by their account (成员账号) in the address book */
  wecomUserId: z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/, 'must be the WeCom account: letters, digits, _ . @ - (max 64)').optional(),
  /** Feishu @-mentions people by their open_id */
  feishuOpenId: z.string().regex(/^ou_[A-Za-z0-9]{8,64}$/, 'must be an open_id, ou_ and letters or digits').optional(),
});
export type Person = z.infer<typeof Person>;
export type Directory = Partial<Record<Role, Person[]>>;

const NotifyFile = z
  .strictObject({
    channels: z.record(z.string().regex(/^[\w-]{1,40}$/, 'channel names are letters, digits, _ and -'), Channel),
    /** each rule: notices for any of these roles, of any of these event types (all when absent), go to these channels */
    routes: z.array(
      z.strictObject({
        roles: z.array(z.enum(PERSON_ROLES)).min(1),
        events: z.array(z.enum(NOTIFY_EVENTS)).min(1).optional(),
        channels: z.array(z.string()).min(1),
      }),
    ),
    contacts: z.partialRecord(z.enum(PERSON_ROLES), z.array(Person)).default({}),
  })
  .superRefine((file, ctx) => {
    file.routes.forEach((route, i) =>
      route.channels.forEach((name, j) => {
        const channel = file.channels[name];
        if (!channel) {
          ctx.addIssue({ code: 'custom', path: ['routes', i, 'channels', j], message: `names no channel defined under "channels": ${name}` });
        } else if (channel.type === 'email') {
          const unreachable = route.roles.filter((role) => !file.contacts[role]?.some((p) => p.email));
          if (unreachable.length) {
            ctx.addIssue({ code: 'custom', path: ['routes', i, 'channels', j], message: `e-mail channel "${name}" has no address for ${unreachable.join(', ')}: add contacts with an email` });
          }
        }
      }),
    );
    for (const [name, channel] of Object.entries(file.channels)) {
      if (channel.type === 'email' && channel.password && !channel.user) {
        ctx.addIssue({ code: 'custom', path: ['channels', name, 'user'], message: 'is required with a password' });
      }
    }
  });

export type RobotType = 'wecom' | 'dingtalk' | 'feishu';
export interface RobotSpec {
  type: RobotType;
  webhook: string;
  secret?: string;
  rateLimit: RateLimit;
}
export type EmailSpec = Omit<Extract<z.infer<typeof Channel>, { type: 'email' }>, 'password'> & { password?: string };
export type ChannelSpec = RobotSpec | EmailSpec;

export interface NotifyFileConfig {
  channels: Record<string, ChannelSpec>;
  routes: { roles: Role[]; events?: NotifyEvent[]; channels: string[] }[];
  contacts: Directory;
}

/** Thrown with one line per problem, each naming where it is and the rule it breaks. */
export class NotifyFileError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

export function loadNotifyFile(path: string, env: NodeJS.ProcessEnv): NotifyFileConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new NotifyFileError([`cannot read ${path} as JSON: ${(err as Error).message}`]);
  }
  const parsed = NotifyFile.safeParse(raw);
  if (!parsed.success) throw new NotifyFileError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));

  const problems: string[] = [];
  const reveal = (ref: SecretRef, where: string): string => {
    const value = 'env' in ref ? env[ref.env] : readSecretFile(resolve(dirname(path), ref.file), where, problems);
    if ('env' in ref && !value) problems.push(`${where}: environment variable ${ref.env} is not set`);
    return value?.trim() ?? '';
  };
  const channels: Record<string, ChannelSpec> = {};
  for (const [name, c] of Object.entries(parsed.data.channels)) {
    const where = `channels.${name}`;
    if (c.type === 'email') {
      channels[name] = { ...c, password: c.password && reveal(c.password, `${where}.password`) };
      continue;
    }
    const webhook = reveal(c.webhook, `${where}.webhook`);
    // the URL carries the robot's key: the message names where it came from, never the value
    if (webhook && !/^https?:\/\/[^\s/]+/.test(webhook)) problems.push(`${where}.webhook: the secret it names must be an http(s) URL`);
    const secret = 'secret' in c && c.secret ? reveal(c.secret, `${where}.secret`) : undefined;
    channels[name] = { type: c.type, webhook, secret, rateLimit: c.rateLimit };
  }
  if (problems.length) throw new NotifyFileError(problems);
  return { ...parsed.data, channels };
}

export function readSecretFile(file: string, where: string, problems: string[]): string | undefined {
  try {
    const value = readFileSync(file, 'utf8');
    if (!value.trim()) problems.push(`${where}: file ${file} is empty`);
    return value;
  } catch (err) {
    problems.push(`${where}: cannot read file ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    return undefined;
  }
}
