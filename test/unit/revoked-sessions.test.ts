import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RevokedSessions } from '../../api/auth/revoked-sessions';
import { newSession } from '../../api/auth/session';

const file = () => join(mkdtempSync(join(tmpdir(), 'yuqing-revoked-')), 'keys', 'signed-out.jsonl');

describe('RevokedSessions', () => {
  it('a session signed out at one API replica is refused by another sharing the data dir', () => {
    const path = file();
    const [a, b] = [new RevokedSessions(path), new RevokedSessions(path)];
    const s = newSession('monitor');
    expect(b.has(s.sid)).toBe(false);
    a.revoke(s);
    expect(b.has(s.sid)).toBe(true);
    expect(b.has(newSession('monitor').sid)).toBe(false);
  });

  it('forgets an entry once its cookie would have expired anyway', () => {
    const revoked = new RevokedSessions(file());
    const s = newSession('monitor', 0);
    revoked.revoke(s);
    expect(revoked.has(s.sid, s.exp - 1)).toBe(true);
    expect(revoked.has(s.sid, s.exp)).toBe(false);
  });

  it('reads past a line a crash left half-written, and the next sign-out still counts', () => {
    const path = file();
    const revoked = new RevokedSessions(path);
    const [s, t] = [newSession('monitor'), newSession('handler')];
    revoked.revoke(s);
    appendFileSync(path, '{"sid":"cut-sh');
    revoked.revoke(t);
    const reader = new RevokedSessions(path);
    expect([reader.has(s.sid), reader.has(t.sid)]).toEqual([true, true]);
  });
});
