// A real SMTP server on loopback (smtp-server) that wants USER/PASSWORD and hands each mail to
// mailparser, so a test reads the mail as a mail client would.
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export const USER = 'yuqing@school.example';
export const PASSWORD = 'smtp-pass-0001';

/** An SMTP server that wants USER/PASSWORD; `refuse` answers RCPT TO with that code. */
export async function startSmtp(later: (close: () => Promise<unknown>) => void, refuse?: number) {
  const mails: { raw: Buffer; parsed: ParsedMail; to: string[] }[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    // the test server has no certificate; the channel's tls setting says "none" for it
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === USER && auth.password === PASSWORD) return callback(null, { user: auth.username });
      return callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(_address, _session, callback) {
      if (refuse) return callback(Object.assign(new Error(refuse >= 500 ? 'mailbox unavailable' : 'try again later'), { responseCode: refuse }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks);
        mails.push({ raw, parsed: await simpleParser(raw), to: session.envelope.rcptTo.map((r) => r.address) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  later(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { port: (server.server.address() as AddressInfo).port, mails };
}
