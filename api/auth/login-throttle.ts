// Failed sign-ins are throttled per account, not per address: many people share one office NAT
// address, and an attacker hammering one account there must not lock the others out. Three
// windows count only password checks that failed (an attempt refused here checks nothing and
// counts nothing): one account from one address, one account from anywhere (a guess spread over
// many addresses), and one address over all accounts (spraying names), each cap above the last.
export interface LoginLimit {
  /** failures allowed for one account from one address per window */
  limit: number;
  windowMs: number;
  /** failures allowed for one account from all addresses together; 5 × limit by default */
  accountLimit?: number;
  /** failures allowed from one address over all accounts; 10 × limit by default, an office's worth */
  addressLimit?: number;
}

interface Window {
  failures: number;
  endsAt: number;
}

/** Entries past their window are swept once the table grows past this many. */
const SWEEP_AT = 10_000;

export class LoginThrottle {
  private readonly windows = new Map<string, Window>();
  /** in the order of keys(): account+address, account, address */
  private readonly caps: number[];

  constructor(
    private readonly settings: LoginLimit,
    private readonly now: () => number = Date.now,
  ) {
    this.caps = [settings.limit, settings.accountLimit ?? 5 * settings.limit, settings.addressLimit ?? 10 * settings.limit];
  }

  private keys(account: string, address: string): string[] {
    return [`aa\0${account}\0${address}`, `a\0${account}`, `ip\0${address}`];
  }

  private current(key: string): Window | undefined {
    const w = this.windows.get(key);
    return w && w.endsAt > this.now() ? w : undefined;
  }

  /**
   * Counts the attempt as failed before its password is checked, so a burst of parallel guesses
   * cannot all pass before the first failure lands; false (and nothing counted) while any of the
   * three windows is full.
   */
  begin(account: string, address: string): boolean {
    const keys = this.keys(account, address);
    if (keys.some((key, i) => (this.current(key)?.failures ?? 0) >= this.caps[i]!)) return false;
    if (this.windows.size > SWEEP_AT) this.sweep();
    for (const key of keys) {
      const w = this.current(key) ?? { failures: 0, endsAt: this.now() + this.settings.windowMs };
      w.failures++;
      this.windows.set(key, w);
    }
    return true;
  }

  /** The password was right: the attempt begin() counted was no failure. */
  succeeded(account: string, address: string): void {
    for (const key of this.keys(account, address)) {
      const w = this.current(key);
      if (w) w.failures--;
    }
  }

  private sweep(): void {
    for (const [key, w] of this.windows) if (w.endsAt <= this.now()) this.windows.delete(key);
  }
}
