import assert from "node:assert/strict";
import { test } from "node:test";
import { RandomState } from "../../src/random/random-state.js";

// Reference values from numpy's legacy RandomState (numpy 2.4.6 and Debian's 1.24.2 give identical streams),
// printed with repr() so each literal parses back to the same double. Python is not needed to run these tests.

// np.random.seed(1); np.random.randn(97): the draws behind the course's zero_pad (first 72, as randn(4, 3, 3, 2))
// and conv_single_step cases (a = first 48, W = next 48, b = the 97th).
const SEED1_STREAM = [
  1.6243453636632417, -0.6117564136500754, -0.5281717522634557, -1.0729686221561705, 0.8654076293246785, -2.3015386968802827, 1.74481176421648,
  -0.7612069008951028, 0.31903909605709857, -0.2493703754774101, 1.462107937044974, -2.060140709497654, -0.3224172040135075, -0.38405435466841564,
  1.1337694423354374, -1.0998912673140309, -0.17242820755043575, -0.8778584179213718, 0.04221374671559283, 0.5828152137158222, -1.1006191772129212,
  1.1447237098396141, 0.9015907205927955, 0.5024943389018682, 0.9008559492644118, -0.6837278591743331, -0.12289022551864817, -0.9357694342590688,
  -0.2678880796260159, 0.530355466738186, -0.691660751725309, -0.39675352685597737, -0.6871727001195994, -0.8452056414987196, -0.671246130836819,
  -0.01266459891890136, -1.1173103486352778, 0.23441569781709215, 1.6598021771098705, 0.7420441605773356, -0.19183555236161492, -0.8876289640848363,
  -0.7471582937508376, 1.6924546010277466, 0.05080775477602897, -0.6369956465693534, 0.19091548466746602, 2.100255136478842, 0.12015895248162915,
  0.6172031097074192, 0.3001703199558275, -0.35224984649351865, -1.1425181980221402, -0.3493427224128775, -0.2088942333747781, 0.5866231911821976,
  0.8389834138745049, 0.9311020813035573, 0.2855873252542588, 0.8851411642707281, -0.7543979409966528, 1.2528681552332879, 0.5129298204180088,
  -0.29809283510271567, 0.48851814653749703, -0.07557171302105573, 1.131629387451427, 1.5198168164221988, 2.1855754065331614, -1.3964963354881377,
  -1.4441138054295894, -0.5044658629464512, 0.16003706944783047, 0.8761689211162249, 0.31563494724160523, -2.022201215824003, -0.3062040126283718,
  0.8279746426072462, 0.2300947353643834, 0.7620111803120247, -0.22232814261035927, -0.20075806892999745, 0.1865613909882843, 0.4100516472082563,
  0.19829972012676975, 0.11900864580745882, -0.6706622862890306, 0.3775637863209194, 0.12182127099143693, 1.1294839079119197, 1.198917879901507,
  0.18515641748394385, -0.3752849500901142, -0.6387304074542224, 0.4234943540641129, 0.07734006834855942, -0.3438536755710756,
];

/** Flattens nested arrays in C order (last axis fastest), the order numpy fills them in. */
function flat(nested: unknown): number[] {
  return Array.isArray(nested) ? nested.flatMap((item) => flat(item)) : [nested as number];
}

/** The shape of a nested array, read along its first elements. */
function shape(nested: unknown): number[] {
  return Array.isArray(nested) ? [nested.length, ...shape(nested[0])] : [];
}

/** Asserts two lists of doubles are identical bit for bit (Object.is: no tolerance, -0 distinct from 0). */
function assertSameBits(actual: number[], expected: number[]): void {
  assert.equal(actual.length, expected.length, "length");
  for (let i = 0; i < expected.length; i++) {
    assert.ok(Object.is(actual[i], expected[i]), `index ${i}: got ${actual[i]}, numpy gives ${expected[i]}`);
  }
}

test("seed 1, randn(4, 3, 3, 2): the course's zero_pad x, bit for bit", () => {
  const x = new RandomState(1).randn(4, 3, 3, 2);
  assert.deepEqual(shape(x), [4, 3, 3, 2]);
  // Every innermost row is a real array of length 2 (not just the first one read by shape()).
  assert.ok(x.every((a) => a.every((b) => b.every((c) => Array.isArray(c) && c.length === 2))));
  const published = [
    [0.90085595, -0.68372786],
    [-0.12289023, -0.93576943],
    [-0.26788808, 0.53035547],
  ];
  x[1][1].forEach((row, i) => row.forEach((v, j) => assert.equal(v.toFixed(8), published[i][j].toFixed(8))));
  assertSameBits(flat(x), SEED1_STREAM.slice(0, 72));
  // This one is where V8's Math.log and glibc's log disagree in the last bit: numpy has ...817, not ...82.
  assert.ok(Object.is(x[1][1][1][0], -0.12289022551864817));
});

test("seed 1, a = randn(4, 4, 3), W = randn(4, 4, 3), b = randn(1, 1, 1): the course's conv_single_step", () => {
  const rng = new RandomState(1);
  const a = rng.randn(4, 4, 3);
  const W = rng.randn(4, 4, 3);
  const b = rng.randn(1, 1, 1);
  assert.deepEqual(
    [shape(a), shape(W), shape(b)],
    [
      [4, 4, 3],
      [4, 4, 3],
      [1, 1, 1],
    ],
  );
  assertSameBits(flat(a), SEED1_STREAM.slice(0, 48));
  assertSameBits(flat(W), SEED1_STREAM.slice(48, 96));
  assert.ok(Object.is(b[0][0][0], SEED1_STREAM[96]));
  // The summation order differs from numpy's pairwise sum, so only the last bits may differ.
  const products = flat(a).map((v, i) => v * flat(W)[i]);
  const Z = products.reduce((s, v) => s + v, 0) + b[0][0][0];
  assert.ok(Math.abs(Z - -6.999089450680221) < 1e-12, `Z = ${Z}`);
});

test("an odd count keeps the second normal of the pair for the next call, as numpy does", () => {
  const rng = new RandomState(1);
  assertSameBits(rng.randn(3), [1.6243453636632417, -0.6117564136500754, -0.5281717522634557]);
  assertSameBits(rng.randn(2), [-1.0729686221561705, 0.8654076293246785]);
  const scalar = rng.randn();
  assert.equal(typeof scalar, "number");
  assert.ok(Object.is(scalar, -2.3015386968802827));
  // Split or not, the stream is the same.
  assertSameBits(new RandomState(1).randn(6), SEED1_STREAM.slice(0, 6));
});

test("seeds 3, 0 and 2**32 - 1 match numpy bit for bit", () => {
  assertSameBits(
    flat(new RandomState(3).randn(4, 3)),
    [
      1.7886284734303186, 0.43650985051198943, 0.09649746807200862, -1.8634927033644908, -0.27738820251439905, -0.35475897926898675, -0.08274148148245977,
      -0.6270006768238473, -0.04381816897592824, -0.47721803035950267, -1.3138647533626822, 0.8846223804995846,
    ],
  );
  assertSameBits(
    flat(new RandomState(0).randn(2, 3)),
    [1.764052345967664, 0.4001572083672233, 0.9787379841057392, 2.240893199201458, 1.8675579901499675, -0.977277879876411],
  );
  assertSameBits(new RandomState(2 ** 32 - 1).randn(5), [0.6484086742306527, 0.6693235306338161, -1.0805437227474493, 0.2845010447986309, 0.11388773652167104]);
});

test("seed 3: the course's 2022+ conv_single_step test case", () => {
  const rng = new RandomState(3);
  const a = flat(rng.randn(5, 5, 3));
  const W = flat(rng.randn(5, 5, 3));
  const b = rng.randn(1, 1, 1)[0][0][0];
  const Z = a.reduce((s, v, i) => s + v * W[i], 0) + b;
  assert.ok(Math.abs(Z - -3.5443670581382474) < 1e-12, `Z = ${Z}`);
});

test("20,000 normals from seed 42 match numpy bit for bit (digest of their float64 words)", () => {
  // numpy: w = np.random.randn(20000).view('<u4'); h = 0; for x in w: h = (h * 31 + x) & 0xffffffff
  // The polar method calls log once per pair; V8's Math.log would break this on about 3% of the pairs.
  const rng = new RandomState(42);
  const values = new Float64Array(rng.randn(20000));
  let digest = 0;
  for (const word of new Uint32Array(values.buffer)) digest = (Math.imul(digest, 31) + word) >>> 0;
  assert.ok(Object.is(values[0], 0.4967141530112327));
  assert.ok(Object.is(values[19999], -1.6199198031884334));
  assert.equal(digest, 1606145086);
});

test("randomSample matches np.random.seed(5); np.random.random_sample(5), and leaves the normal stream alone", () => {
  const rng = new RandomState(5);
  assertSameBits(rng.randomSample(5), [0.22199317108973948, 0.8707323061773764, 0.20671915533942642, 0.9186109079379216, 0.48841118879482914]);
  assert.ok(Object.is(rng.randomSample(), 0.6117438629026457));
  assert.ok(Object.is(rng.randn(), 0.10960984157818278));
});

test("randint matches numpy's legacy masked rejection sampling", () => {
  const rng = new RandomState(7);
  const draws = [0, 0, 0, 0, 0].map(() => rng.randint(0, 10));
  draws.push(rng.randint(5), rng.randint(-3, 3), rng.randint(0, 2 ** 32), rng.randint(2 ** 31, 2 ** 31 + 1000));
  assert.deepEqual(draws, [4, 9, 6, 3, 3, 4, -2, 2312822158, 2147484183]);
  // A one-value range draws nothing from the stream in numpy either.
  const one = new RandomState(0);
  assert.equal(one.randint(4, 5), 4);
  assert.ok(Object.is(one.randomSample(), new RandomState(0).randomSample()));
  assert.throws(() => rng.randint(3, 3), RangeError);
});

test("a key seeds through init_by_array: the MT19937 reference's init_by_array({0x123, 0x234, 0x345, 0x456})", () => {
  // mt19937ar.out, the reference implementation's published output: its first and its 996th to 1000th words.
  const rng = new RandomState([0x123, 0x234, 0x345, 0x456]);
  const words = Array.from({ length: 1000 }, () => rng.nextUint32());
  assert.deepEqual(words.slice(0, 5), [1067595299, 955945823, 477289528, 4107218783, 4228976476]);
  assert.deepEqual(words.slice(995), [2643151863, 3896204135, 2416995901, 1397735321, 3460025646]);
});

test("a key matches numpy's RandomState(key) bit for bit (random_sample and randn)", () => {
  // np.random.RandomState([1, 2, 3, 4]).random_sample(3), and .randn(5) from a fresh one
  assertSameBits(new RandomState([1, 2, 3, 4]).randomSample(3), [0.6788657548888402, 0.07791415735404539, 0.04822813997796116]);
  assertSameBits(
    new RandomState([1, 2, 3, 4]).randn(5),
    [-0.5425993170836949, 0.22993530378547133, -0.8957455259409766, -0.2745848065736433, -0.2859449600695269],
  );
  // A one-word key is not the same seed as that integer: numpy sends a list to init_by_array too.
  assertSameBits(new RandomState([5]).randomSample(2), [0.6229016948897019, 0.7417869892607294]);
  assertSameBits(new RandomState([0]).randomSample(2), [0.8444218515250481, 0.7579544029403025]);
  // A key longer than the 624 words of state is read to its end (init_by_array loops max(624, length) times).
  assertSameBits(new RandomState(new Array(700).fill(0xffffffff)).randomSample(2), [0.6589138687221233, 0.6689052658402025]);
  // The 128-bit hex seed 00112233445566778899aabbccddeeff, as private-seed.ts splits it into words.
  assertSameBits(new RandomState([0x00112233, 0x44556677, 0x8899aabb, 0xccddeeff]).randn(3), [-0.4816126824091155, 1.0528734107869924, 0.5529944272093091]);
});

test("shapes with a zero dimension are empty, and bad seeds or dimensions are refused", () => {
  assert.deepEqual(new RandomState(1).randn(0), []);
  assert.deepEqual(new RandomState(1).randn(2, 0), [[], []]);
  for (const seed of [-1, 2 ** 32, 1.5, Number.NaN]) assert.throws(() => new RandomState(seed), RangeError);
  for (const key of [[], [1, -1], [2 ** 32], [0.5]]) assert.throws(() => new RandomState(key), RangeError);
  assert.throws(() => new RandomState(1).randn(-1), RangeError);
  assert.throws(() => new RandomState(1).randn(2.5), RangeError);
});
