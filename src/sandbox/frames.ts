/**
 * The channel's framing on the grader's side: a 4-byte little-endian length, then (on frames from the
 * child) the session secret, then a v8-serialized message.
 */
import { timingSafeEqual } from "node:crypto";
import { deserialize, serialize } from "node:v8";

/** Encodes one message as a frame; with a secret, as the child signs its answers. */
export function encodeFrame(message: unknown, secret?: Uint8Array): Buffer {
  const payload = serialize(message);
  const header = Buffer.alloc(4);
  header.writeUInt32LE(payload.length, 0);
  return Buffer.concat(secret ? [header, secret, payload] : [header, payload]);
}

/** Thrown by FrameDecoder for a frame that is too large, forged or unreadable. */
export class FrameError extends Error {}

/**
 * Decodes frames from chunks as they arrive. Chunks are joined only once a whole frame is there:
 * joining on every chunk would copy a large frame over and over. With a secret, every frame must
 * carry it; one that does not was not written by the child's own code.
 */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private bytes = 0;
  private readonly prefix: number;

  constructor(
    private readonly maxFrameBytes: number,
    private readonly secret?: Uint8Array,
  ) {
    this.prefix = 4 + (secret?.length ?? 0);
  }

  /** Adds a chunk and returns the messages it completes; throws FrameError on a bad frame. */
  push(chunk: Buffer): unknown[] {
    this.chunks.push(chunk);
    this.bytes += chunk.length;
    const messages: unknown[] = [];
    while (this.bytes >= this.prefix) {
      if (this.chunks[0].length < this.prefix) this.chunks = [Buffer.concat(this.chunks)];
      const head = this.chunks[0];
      const length = head.readUInt32LE(0);
      if (this.secret && !timingSafeEqual(head.subarray(4, this.prefix), this.secret)) {
        throw new FrameError("the sandbox sent a frame without the session's secret: learner code wrote to the grader's channel");
      }
      if (length > this.maxFrameBytes) throw new FrameError(`the sandbox sent a message of ${length} bytes, over the limit`);
      if (this.bytes < this.prefix + length) break;
      const joined = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
      const payload = joined.subarray(this.prefix, this.prefix + length);
      const rest = joined.subarray(this.prefix + length);
      this.chunks = rest.length ? [rest] : [];
      this.bytes = rest.length;
      try {
        messages.push(deserialize(payload));
      } catch {
        throw new FrameError("the sandbox sent a message that could not be read");
      }
    }
    return messages;
  }
}
