import assert from "node:assert/strict";
import { test } from "node:test";
import { encodeFrame, FrameDecoder, FrameError } from "../../src/sandbox/frames.js";

const messages = [
  { type: "output", stream: "stdout", text: "hello" },
  { type: "item", id: 3, index: 0, ok: true, value: Array.from({ length: 5000 }, (_, i) => [i, -i / 7, Number.NaN]) },
  { type: "done", id: 3 },
  { type: "ready" },
];
const stream = Buffer.concat(messages.map((message) => encodeFrame(message)));

test("frames split at every possible chunk size decode to the same messages", () => {
  for (const size of [1, 2, 3, 4, 5, 7, 64, 1000, 65536, stream.length]) {
    const decoder = new FrameDecoder(1 << 20);
    const got: unknown[] = [];
    for (let offset = 0; offset < stream.length; offset += size) got.push(...decoder.push(stream.subarray(offset, offset + size)));
    assert.deepEqual(got, messages, `chunks of ${size} bytes`);
  }
});

test("a frame announcing more than the limit is refused before it arrives", () => {
  const decoder = new FrameDecoder(1024);
  const header = Buffer.alloc(4);
  header.writeUInt32LE(2048, 0);
  assert.throws(
    () => decoder.push(header),
    (error: unknown) => error instanceof FrameError && /2048 bytes, over the limit/.test(error.message),
  );
});

test("bytes that are not a serialized message are refused", () => {
  const decoder = new FrameDecoder(1024);
  const garbage = Buffer.from([5, 0, 0, 0, 0xff, 0xfe, 0xfd, 0xfc, 0xfb]);
  assert.throws(() => decoder.push(garbage), FrameError);
});
