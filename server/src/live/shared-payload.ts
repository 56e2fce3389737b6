/**
 * A `next` payload serialized once for every subscriber of the same selection. graphql-ws
 * serializes each message itself; a SharedPayload stands in for the payload with a placeholder
 * (its toJSON) and the transport (transport.ts, `outgoing`) puts the payload's bytes in its place
 * as the message is handed over to be sent. The message around the payload differs per
 * subscriber by its `id` only, so one socket costs a copy of bytes, not a serialization.
 *
 * graphql-ws serializes a message and hands it to the transport in one synchronous step
 * (`socket.send(stringifyMessage(…))`), which is what makes the hand-over through `pending` safe.
 */
const PLACEHOLDER = 'chamdiem:shared-payload';
const TAIL = `"${PLACEHOLDER}"}`;
const CLOSE = Buffer.from('}');
/** messages kept per payload, one per distinct message head (subscription id); beyond, built per send */
const HEADS = 8;

let pending: SharedPayload | null = null;

export class SharedPayload {
  private bytes: Buffer | null = null;
  private readonly messages = new Map<string, Buffer>();

  constructor(private readonly payload: object) {}

  toJSON(): string {
    pending = this;
    return PLACEHOLDER;
  }

  /** The whole message: `head` (`{"id":…,"type":"next","payload":`), the payload, `}`. */
  message(head: string): Buffer {
    const hit = this.messages.get(head);
    if (hit) return hit;
    this.bytes ??= Buffer.from(JSON.stringify(this.payload));
    const m = Buffer.concat([Buffer.from(head), this.bytes, CLOSE]);
    if (this.messages.size < HEADS) this.messages.set(head, m);
    return m;
  }
}

/** What to send for a message graphql-ws has just serialized: itself, or the bytes with the shared payload in place. */
export function outgoing(data: string): string | Buffer {
  const p = pending;
  if (!p) return data;
  pending = null;
  return data.endsWith(TAIL) ? p.message(data.slice(0, -TAIL.length)) : data;
}
