// Sessions are stateless signed cookies (session.ts): signing out cannot delete one, and a copied
// cookie would otherwise stay good until it expires. So signing out puts the session id on a list
// in the data dir, which every API replica shares and rereads whenever the file has changed; an
// entry is ignored once the cookie would have expired anyway.
import { appendFileSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { PRIVATE_DIR } from '../../config/data-dir';
import { dirname } from 'node:path';
import type { Session } from './session';

export class RevokedSessions {
  /** session id → when its cookie would have expired */
  private readonly ids = new Map<string, number>();
  private seen = { size: -1, mtimeMs: -1 };

  constructor(private readonly path: string) {}

  revoke(session: Session): void {
    mkdirSync(dirname(this.path), { recursive: true, mode: PRIVATE_DIR });
    // one short line per sign-out: appends from several replicas do not interleave; the leading
    // newline ends a line a crash may have left half-written
    appendFileSync(this.path, `\n${JSON.stringify({ sid: session.sid, exp: session.exp })}\n`, { mode: 0o600 });
    this.ids.set(session.sid, session.exp);
  }

  has(sid: string, now = Date.now()): boolean {
    this.reread(now);
    return (this.ids.get(sid) ?? 0) > now;
  }

  private reread(now: number): void {
    let stat;
    try {
      stat = statSync(this.path);
    } catch {
      return; // nobody has signed out yet
    }
    if (stat.size === this.seen.size && stat.mtimeMs === this.seen.mtimeMs) return;
    this.seen = { size: stat.size, mtimeMs: stat.mtimeMs };
    this.ids.clear();
    for (const line of readFileSync(this.path, 'utf8').split('\n')) {
      try {
        const { sid, exp } = JSON.parse(line) as { sid: unknown; exp: unknown };
        if (typeof sid === 'string' && typeof exp === 'number' && exp > now) this.ids.set(sid, exp);
      } catch {
        // an empty or half-written last line
      }
    }
  }
}
