/** numpy's legacy seeded generator (`np.random.seed` + `randn` / `random_sample` / `randint`), bit for bit. */

// numpy's normals go through the C library's log(). V8's Math.log differs from glibc's in the last bit often enough
// to change about 3% of the normals (and glibc's log is not correctly rounded either, so no exact log would do), so
// the Gaussian draws use a port of glibc's log (glibc-log.ts).

import { glibcLog } from "./glibc-log.js";

const N = 624;
const M = 397;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;
const MATRIX_A = 0x9908b0df;

/** A nested array of numbers whose depth is the number of dimensions (e.g. `number[][]` for two). */
export type NestedOf<S extends readonly number[]> = S extends readonly []
  ? number
  : S extends readonly [number, ...infer Rest extends readonly number[]]
    ? NestedOf<Rest>[]
    : NestedNumbers;

/** A number or a nested array of numbers of unknown depth. */
export type NestedNumbers = number | NestedNumbers[];

/** A seed: one 32-bit integer (numpy's init_genrand) or a key of 32-bit integers (init_by_array). */
export type Seed = number | readonly number[];

function checkWord(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`${what} must be an integer between 0 and 2**32 - 1, got ${value}`);
  }
}

/** MT19937's init_genrand: numpy's _legacy_seeding sends an integer seed here, not to init_by_array. */
function seedByInteger(state: Uint32Array, seed: number): void {
  state[0] = seed;
  for (let i = 1; i < N; i++) {
    const prev = state[i - 1];
    // Math.imul keeps the low 32 bits exactly; a float multiply would lose them.
    state[i] = Math.imul(1812433253, prev ^ (prev >>> 30)) + i;
  }
}

/**
 * MT19937's init_by_array, as numpy's mt19937_init_by_array has it: what `np.random.seed([w0, w1, …])`
 * runs. Every word of the key reaches the state, so a key of four words is a 128-bit seed. Sums are
 * stored into the Uint32Array, which keeps them modulo 2**32 as the C code's `&= 0xffffffff` does.
 */
function seedByArray(state: Uint32Array, key: readonly number[]): void {
  seedByInteger(state, 19650218);
  let i = 1;
  let j = 0;
  for (let k = Math.max(N, key.length); k > 0; k--) {
    const prev = state[i - 1];
    state[i] = (state[i] ^ Math.imul(prev ^ (prev >>> 30), 1664525)) + key[j] + j;
    i++;
    j++;
    if (i >= N) {
      state[0] = state[N - 1];
      i = 1;
    }
    if (j >= key.length) j = 0;
  }
  for (let k = N - 1; k > 0; k--) {
    const prev = state[i - 1];
    state[i] = (state[i] ^ Math.imul(prev ^ (prev >>> 30), 1566083941)) - i;
    i++;
    if (i >= N) {
      state[0] = state[N - 1];
      i = 1;
    }
  }
  // The most significant bit set: the state is never all zeros.
  state[0] = 0x80000000;
}

/** numpy's `np.random.RandomState` (MT19937, legacy seeding and legacy Gaussian), for the course's fixtures. */
export class RandomState {
  private readonly key = new Uint32Array(N);
  private pos = N;
  // The polar method makes normals in pairs; numpy keeps the second one for the next call, even across calls.
  private hasGauss = false;
  private gauss = 0;

  /**
   * Seeds like `np.random.seed(seed)` / `np.random.RandomState(seed)`: an integer in [0, 2**32 - 1] goes
   * through MT19937's init_genrand, an array of such integers (a key) through init_by_array, as numpy does.
   */
  constructor(seed: Seed) {
    if (typeof seed === "number") {
      checkWord(seed, "Seed");
      seedByInteger(this.key, seed);
    } else {
      // numpy refuses an empty key; a key longer than the state is still read to its end.
      if (seed.length === 0) throw new RangeError("Seed must be non-empty");
      for (const word of seed) checkWord(word, "Each word of a seed key");
      seedByArray(this.key, seed);
    }
  }

  /** Standard normal draws like `np.random.randn(...shape)`: one number with no shape, else nested arrays. */
  randn<S extends number[]>(...shape: S): NestedOf<S> {
    return this.draw(shape, () => this.nextGauss()) as NestedOf<S>;
  }

  /** Uniform draws in [0, 1) like `np.random.random_sample(shape)` / `np.random.rand(...shape)`. */
  randomSample<S extends number[]>(...shape: S): NestedOf<S> {
    return this.draw(shape, () => this.nextDouble()) as NestedOf<S>;
  }

  /** One integer in [low, high) like `np.random.randint(low, high)` (or [0, low) without high); range ≤ 2**32. */
  randint(low: number, high?: number): number {
    if (high === undefined) [low, high] = [0, low];
    if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high) || high <= low) {
      throw new RangeError(`randint needs integers with low < high, got ${low}, ${high}`);
    }
    const range = high - low - 1;
    if (range > 0xffffffff) throw new RangeError("randint supports ranges up to 2**32 only");
    // numpy draws nothing for a range of one value, and takes a whole 32-bit word for the full range.
    if (range === 0) return low;
    if (range === 0xffffffff) return low + this.nextUint32();
    // numpy's masked rejection: the smallest all-ones mask covering the range, redrawn until within it.
    let mask = range;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    let value: number;
    do value = (this.nextUint32() & mask) >>> 0;
    while (value > range);
    return low + value;
  }

  /** The next tempered 32-bit output of MT19937 (numpy's `next_uint32`). */
  nextUint32(): number {
    if (this.pos >= N) this.twist();
    let y = this.key[this.pos++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A uniform double in [0, 1) with 53 random bits (MT19937's genrand_res53, numpy's `next_double`). */
  nextDouble(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** One standard normal draw, exactly numpy's `legacy_gauss`. */
  nextGauss(): number {
    if (this.hasGauss) {
      this.hasGauss = false;
      const kept = this.gauss;
      this.gauss = 0;
      return kept;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.nextDouble() - 1;
      x2 = 2 * this.nextDouble() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * glibcLog(r2)) / r2);
    // numpy returns f * x2 first and keeps f * x1 for the next call.
    this.gauss = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  /** Regenerates the 624 words of state (the reference mt19937_gen). */
  private twist(): void {
    const key = this.key;
    let i = 0;
    for (; i < N - M; i++) {
      const y = (key[i] & UPPER_MASK) | (key[i + 1] & LOWER_MASK);
      key[i] = key[i + M] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    for (; i < N - 1; i++) {
      const y = (key[i] & UPPER_MASK) | (key[i + 1] & LOWER_MASK);
      key[i] = key[i + M - N] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    const y = (key[N - 1] & UPPER_MASK) | (key[0] & LOWER_MASK);
    key[N - 1] = key[M - 1] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    this.pos = 0;
  }

  /** Fills a shape in C order (last axis fastest), as numpy does, and nests it as plain arrays. */
  private draw(shape: readonly number[], next: () => number): NestedNumbers {
    for (const d of shape) {
      if (!Number.isSafeInteger(d) || d < 0) throw new RangeError(`Dimensions must be non-negative integers, got ${d}`);
    }
    if (shape.length === 0) return next();
    const build = (axis: number): NestedNumbers[] => {
      const out = new Array<NestedNumbers>(shape[axis]);
      for (let i = 0; i < shape[axis]; i++) out[i] = axis === shape.length - 1 ? next() : build(axis + 1);
      return out;
    };
    return build(0);
  }
}
