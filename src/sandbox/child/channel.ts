/** The child's end of the channel: blocking reads of requests, answers signed with the session secret. */
import type { Request } from "../protocol.js";
import {
  apply,
  atomicsWait,
  bufferOf,
  CHANNEL,
  DataViewCtor,
  dataViewGetUint32,
  dataViewSetUint32,
  defineProperty,
  deserialize,
  readSync,
  realExit,
  SECRET_BYTES,
  serialize,
  sleepCell,
  typedArraySet,
  Uint8ArrayCtor,
  writeSync,
} from "./primordials.js";

export function readExact(length: number): Uint8Array {
  const buffer = new Uint8ArrayCtor(length); // never from Buffer's shared pool, which learner code could read
  let offset = 0;
  while (offset < length) {
    let read: number;
    try {
      read = readSync(CHANNEL, buffer, offset, length - offset, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EAGAIN") {
        apply(atomicsWait, undefined, [sleepCell, 0, 0, 1]);
        continue;
      }
      throw error;
    }
    if (read === 0) realExit(0); // the grader closed the channel
    offset += read;
  }
  return buffer;
}

let secret: Uint8Array = new Uint8ArrayCtor(SECRET_BYTES);

/** Takes the session secret, the first bytes the grader writes. */
export function readSecret(): void {
  secret = readExact(SECRET_BYTES);
}

/**
 * Writes one answer frame. A frame that cannot be built or written ends the process: learner code
 * that made it fail (a poisoned prototype the serializer reads) must not get a swallowed exception
 * and a way back to the event loop.
 */
export function send(message: unknown): void {
  try {
    writeFrame(buildFrame(message));
  } catch {
    realExit(70);
  }
}

/**
 * Writes one frame of learner output, or drops it when it cannot be built (learner code printing with
 * its stack all but full): nothing was written, so the channel is intact. A write that fails halfway
 * ends the process, as for answers.
 */
export function sendOutput(message: unknown): void {
  let frame: Uint8Array;
  try {
    frame = buildFrame(message);
  } catch {
    return;
  }
  try {
    writeFrame(frame);
  } catch {
    realExit(70);
  }
}

function buildFrame(message: unknown): Uint8Array {
  const payload = serialize(message);
  const payloadLength = payload.length;
  const total = 4 + SECRET_BYTES + payloadLength;
  const frame = new Uint8ArrayCtor(total);
  // Nothing looked up on the frame once it holds the secret: only captured functions and own properties.
  defineProperty(frame, "byteLength", { value: total });
  defineProperty(frame, "length", { value: total });
  apply(dataViewSetUint32, new DataViewCtor(apply(bufferOf, frame, []) as ArrayBuffer), [0, payloadLength, true]);
  apply(typedArraySet, frame, [secret, 4]);
  apply(typedArraySet, frame, [payload, 4 + SECRET_BYTES]);
  return frame;
}

function writeFrame(frame: Uint8Array): void {
  const total = frame.length;
  let offset = 0;
  while (offset < total) {
    try {
      offset += writeSync(CHANNEL, frame, offset, total - offset, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EAGAIN") {
        apply(atomicsWait, undefined, [sleepCell, 0, 0, 1]);
        continue;
      }
      throw error;
    }
  }
}

export function readRequest(): Request {
  const header = readExact(4);
  const length = apply(dataViewGetUint32, new DataViewCtor(header.buffer), [0, true]) as number;
  return deserialize(readExact(length)) as Request;
}
