// One JSON POST to a configured receiver, with the failure classified for Temporal's retry policy:
// a receiver that is down or overloaded is retried, one that refuses the request is not.
import { asyncLocalStorage } from '@temporalio/activity';
import { deliveryFailure } from './delivery-failure';

export interface WebhookResponse {
  status: number;
  body: unknown;
}

/** 408 and 429 ask the sender to come back later; every other 4xx says the request itself is wrong. */
const RETRYABLE_4XX = new Set([408, 429]);

export async function postJson(url: string, payload: unknown, idempotencyKey: string, timeoutMs: number): Promise<WebhookResponse> {
  // the URL may carry a token in its query: messages name the host only
  const host = new URL(url).host;
  // when run by a worker, an activity cancellation aborts the request too
  const cancelled = asyncLocalStorage.getStore()?.cancellationSignal;
  const timeout = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'idempotency-key': idempotencyKey },
      body: JSON.stringify(payload),
      signal: cancelled ? AbortSignal.any([cancelled, timeout]) : timeout,
    });
  } catch (err) {
    if (cancelled?.aborted) throw err;
    const cause = String((err as Error).cause ?? err);
    throw deliveryFailure(
      timeout.aborted
        ? { zh: `接收端 ${host} 在 ${timeoutMs} 毫秒内未应答`, en: `webhook ${host} unreachable: no answer within ${timeoutMs} ms` }
        : { zh: `接收端 ${host} 无法连接：${cause}`, en: `webhook ${host} unreachable: ${cause}` },
      'WebhookUnavailable',
      true,
    );
  }
  const text = await response.text().catch(() => '');
  if (response.ok) return { status: response.status, body: parseJson(text) };
  const said = `HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`;
  if (response.status >= 400 && response.status < 500 && !RETRYABLE_4XX.has(response.status)) {
    throw deliveryFailure(
      { zh: `接收端 ${host} 拒绝了请求，请核对接收端或其配置（${said}）`, en: `webhook ${host} answered ${said} (request refused; fix the receiver or its configuration)` },
      'WebhookRejected',
      false,
    );
  }
  throw deliveryFailure({ zh: `接收端 ${host} 暂时未能接收，稍后重试（${said}）`, en: `webhook ${host} answered ${said}` }, 'WebhookFailed', true);
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}
