import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on 127.0.0.1 (npm smtp-server) that keeps every message it accepted, parsed. */
export interface TestSmtp {
  url: string;
  messages: ParsedMail[];
  /**
   * While set, a message's DATA is read but not answered: the sender waits mid-send (a test then
   * kills it). `stalled` counts the messages held so.
   */
  stall: boolean;
  stalled: number;
  /** the next n messages are refused with a temporary error (451) */
  failNext: number;
  close(): Promise<void>;
}

export async function startSmtp(): Promise<TestSmtp> {
  const state: TestSmtp = { url: '', messages: [], stall: false, stalled: 0, failNext: 0, close: async () => undefined };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        if (state.stall) {
          state.stalled++;
          return; // never answered: the sender's connection dies with it
        }
        if (state.failNext > 0) {
          state.failNext--;
          const err = new Error('Try again later') as Error & { responseCode: number };
          err.responseCode = 451;
          return callback(err);
        }
        state.messages.push(await simpleParser(Buffer.concat(chunks)));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  state.url = `smtp://127.0.0.1:${port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}
