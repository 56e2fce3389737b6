/**
 * The one clock of everything time-based (deadlines, reminders, the outbox's backoff and claims,
 * the scheduler): real time plus an offset. Production runs at offset 0; tests move the clock
 * (`clock.advance`, `clock.set`) instead of sleeping until a deadline, and a child server process
 * started by a test takes its offset from CLOCK_OFFSET_MS (config.ts).
 */
class Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  /** How far the clock runs ahead of real time (negative: behind). */
  get offset(): number {
    return this.offsetMs;
  }

  setOffset(ms: number): void {
    this.offsetMs = ms;
  }

  /** Moves the clock forward (or back, with a negative amount). */
  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** Makes `now()` be `at`. */
  set(at: Date): void {
    this.offsetMs = at.getTime() - Date.now();
  }

  reset(): void {
    this.offsetMs = 0;
  }
}

export const clock = new Clock();

export const DAY_MS = 24 * 3600 * 1000;
