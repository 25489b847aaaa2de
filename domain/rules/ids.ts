// Readable, stable workflow ids: the same request id always maps to the same incident id, so
// Temporal's workflow-id uniqueness turns a double submit into one workflow.
import { DEFAULT_UTC_OFFSET_MINUTES } from './calendar';

/** 64-bit FNV-1a as hex; pure and deterministic (no Node crypto inside workflow code). */
export function stableHash(text: string, length = 10): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c ^ (h1 >>> 7), 0x01000193) >>> 0;
  }
  return (h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0')).slice(0, length);
}

/** `incident-20261124-3f9a0c12de`: the day is the discovery day in Asia/Shanghai. */
export function incidentWorkflowId(requestId: string, discoveredAt: string, utcOffsetMinutes = DEFAULT_UTC_OFFSET_MINUTES): string {
  const local = new Date(Date.parse(discoveredAt) + utcOffsetMinutes * 60_000);
  const day = local.toISOString().slice(0, 10).replaceAll('-', '');
  return `incident-${day}-${stableHash(requestId)}`;
}
