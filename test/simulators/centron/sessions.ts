// Login tickets: dropped after `idleMs` without use; every accepted call renews the ticket.
import { randomUUID } from 'node:crypto';

export interface Session {
  readonly ticket: string;
  readonly username: string;
  lastUsed: number;
  /** Accepted calls since login (or since the ticketExpiryAfterCalls knob was last set). */
  uses: number;
}

export class Sessions {
  private readonly byTicket = new Map<string, Session>();

  constructor(
    private readonly now: () => number,
    public idleMs: number,
  ) {}

  create(username: string): string {
    const ticket = randomUUID();
    this.byTicket.set(ticket, { ticket, username, lastUsed: this.now(), uses: 0 });
    return ticket;
  }

  /**
   * The live session for a ticket, renewed, or null when it is unknown, idle too long, or has
   * reached `maxUses` accepted calls (fault knob). An expired ticket is dropped for good.
   */
  use(ticket: unknown, maxUses: number | null): Session | null {
    if (typeof ticket !== 'string') return null;
    const s = this.byTicket.get(ticket);
    if (!s) return null;
    const now = this.now();
    if (now - s.lastUsed > this.idleMs || (maxUses !== null && s.uses >= maxUses)) {
      this.byTicket.delete(ticket);
      return null;
    }
    s.lastUsed = now;
    s.uses++;
    return s;
  }

  drop(ticket: unknown): boolean {
    return typeof ticket === 'string' && this.byTicket.delete(ticket);
  }

  /** Invalidates every ticket (as a server restart would). */
  expireAll(): void {
    this.byTicket.clear();
  }

  /** Drops the tickets of one user (as an admin kicking the user would). */
  expireUser(username: string): void {
    for (const [t, s] of this.byTicket) if (s.username === username) this.byTicket.delete(t);
  }

  resetUseCounters(): void {
    for (const s of this.byTicket.values()) s.uses = 0;
  }

  get count(): number {
    return this.byTicket.size;
  }
}
