/** The channel's framing on the grader's side: a 4-byte little-endian length, then a v8-serialized message. */
import { deserialize, serialize } from "node:v8";

/** Encodes one message as a frame. */
export function encodeFrame(message: unknown): Buffer {
  const payload = serialize(message);
  const header = Buffer.alloc(4);
  header.writeUInt32LE(payload.length, 0);
  return Buffer.concat([header, payload]);
}

/** Thrown by FrameDecoder for a frame that is too large or cannot be read. */
export class FrameError extends Error {}

/**
 * Decodes frames from chunks as they arrive. Chunks are joined only once a whole frame is there:
 * joining on every chunk would copy a large frame over and over.
 */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private bytes = 0;

  constructor(private readonly maxFrameBytes: number) {}

  /** Adds a chunk and returns the messages it completes; throws FrameError on a bad frame. */
  push(chunk: Buffer): unknown[] {
    this.chunks.push(chunk);
    this.bytes += chunk.length;
    const messages: unknown[] = [];
    while (this.bytes >= 4) {
      if (this.chunks[0].length < 4) this.chunks = [Buffer.concat(this.chunks)];
      const length = this.chunks[0].readUInt32LE(0);
      if (length > this.maxFrameBytes) throw new FrameError(`the sandbox sent a message of ${length} bytes, over the limit`);
      if (this.bytes < 4 + length) break;
      const joined = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
      const payload = joined.subarray(4, 4 + length);
      const rest = joined.subarray(4 + length);
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
