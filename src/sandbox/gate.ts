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
  /** how many times the gate switched, for tests and the bench */
  switches = 0;

  /** closeAll(kind): kill every process of that kind; called before the other kind may start. */
  constructor(private readonly closeAll: (kind: SandboxKind) => void) {}

  /** Waits until requests of `kind` may run; returns the function that ends this one. */
  async enter(kind: SandboxKind): Promise<() => void> {
    while (this.kind !== undefined && this.kind !== kind && this.active > 0) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    if (this.kind !== kind) {
      if (this.kind !== undefined) {
        this.closeAll(this.kind);
        this.switches++;
      }
      this.kind = kind;
    }
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
