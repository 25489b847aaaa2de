// The chat robots and mailboxes of the file named by YUQING_NOTIFY_CONFIG, as notify routes: one
// channel (and so one rate-limited queue) per configured name, one route per rule that names it.
import type { ActivityConfig } from '../../config/channels';
import type { ChannelSpec, Directory } from '../../config/notify-file';
import type { NotifyChannel, Route } from '../notify';
import { dingtalk } from './dingtalk';
import { emailChannel } from './email';
import { feishu } from './feishu';
import { robotChannel } from './robot';
import { wecom } from './wecom';

export function channelRoutes(config: ActivityConfig): Route[] {
  const file = config.notify.channels;
  if (!file) return [];
  const channels = new Map(Object.entries(file.channels).map(([name, spec]) => [name, buildChannel(name, spec, config, file.contacts)]));
  return file.routes.flatMap((rule) =>
    rule.channels.map((name) => {
      const channel = channels.get(name);
      // the configuration checks every name a rule uses
      if (!channel) throw new Error(`route names an unknown channel: ${name}`);
      return { channel, roles: rule.roles, events: rule.events };
    }),
  );
}

function buildChannel(name: string, spec: ChannelSpec, config: ActivityConfig, people: Directory): NotifyChannel {
  const timeoutMs = config.webhookTimeoutMs;
  switch (spec.type) {
    case 'email':
      return emailChannel(`email:${name}`, spec, { dataDir: config.dataDir, timeoutMs, people });
    case 'wecom':
      return robotChannel(`wecom:${name}`, wecom(spec.webhook), { rateLimit: spec.rateLimit, timeoutMs, people });
    case 'dingtalk':
      return robotChannel(`dingtalk:${name}`, dingtalk(spec.webhook, spec.secret), { rateLimit: spec.rateLimit, timeoutMs, people });
    case 'feishu':
      return robotChannel(`feishu:${name}`, feishu(spec.webhook, spec.secret), { rateLimit: spec.rateLimit, timeoutMs, people });
  }
}
