/**
 * Keeps the sandboxes that run hidden cases and those whose output is shown from ever being alive at
 * the same time. Were both running, learner code that escaped its realm in each could pass hidden
 * inputs from one to the other (over loopback, say) and print them where they are shown. Switching
 * from one kind to the other waits for the requests of the first to end, then kills its processes.
 */
export type SandboxKind = "shown" | "hidden";

export class VisibilityGate {
  private kind: SandboxKind | undefined;
  private active = 0;
  private waiting: (() => void)[] = [];
  private switching: Promise<void> | undefined;
  /** how many times the gate switched, for tests and the bench */
  switches = 0;

  /** closeAll(kind): kill every process of that kind, settling once they have exited. */
  constructor(private readonly closeAll: (kind: SandboxKind) => Promise<unknown> | undefined) {}

  /**
   * Whether a process of `kind` may be started now, outside any request (a spare started ahead).
   * Claims the kind when none is set, so the other kind's first request switches, killing it.
   */
  mayStart(kind: SandboxKind): boolean {
    if (this.switching) return false;
    if (this.kind === undefined && this.active === 0) this.kind = kind;
    return this.kind === kind;
  }

  /** Waits until requests of `kind` may run; returns the function that ends this one. */
  async enter(kind: SandboxKind): Promise<() => void> {
    for (;;) {
      if (this.switching) await this.switching;
      else if (this.kind === undefined || this.kind === kind) break;
      else if (this.active > 0) await new Promise<void>((resolve) => this.waiting.push(resolve));
      else {
        const old = this.kind;
        this.switches++;
        // The other kind's processes are gone (exited, not only signalled) before this kind starts.
        this.switching = Promise.resolve(this.closeAll(old)).then(() => {
          this.switching = undefined;
          this.kind = kind;
        });
      }
    }
    this.kind = kind;
    this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      if (this.active === 0) for (const resolve of this.waiting.splice(0)) resolve();
    };
  }
}
