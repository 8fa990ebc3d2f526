import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

export interface ReceivedMail {
  id: number;
  receivedAt: string;
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string | null;
  /** Every http(s) link of the text part, and the 6-digit codes it states (outside the links). */
  links: string[];
  codes: string[];
}

export interface DemoReceiver {
  host: string;
  port: number;
  messages(): readonly ReceivedMail[];
  close(): Promise<void>;
}

const KEEP = 500;
const LINK = /https?:\/\/[^\s<>"]+/g;

/**
 * The demo's mail catcher: a real SMTP server on loopback that keeps the last messages in memory,
 * so the portal's real SMTP path is exercised and anyone can read the activation email.
 */
export async function startDemoReceiver(port = 0): Promise<DemoReceiver> {
  const messages: ReceivedMail[] = [];
  let next = 1;
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    banner: 'demo mail catcher',
    size: 1_000_000,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const text = parsed.text ?? '';
          const links = text.match(LINK) ?? [];
          messages.push({
            id: next++,
            receivedAt: new Date().toISOString(),
            to: session.envelope.rcptTo.map((r) => r.address),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            subject: parsed.subject ?? '',
            text,
            html: typeof parsed.html === 'string' ? parsed.html : null,
            links: [...new Set(links)],
            // A link's random token can hold six digits in a row (« data=650658I5r… »): not a code.
            codes: [...new Set(text.replace(LINK, ' ').match(/(?<!\d)\d{6}(?!\d)/g) ?? [])],
          });
          if (messages.length > KEEP) messages.splice(0, messages.length - KEEP);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    host: '127.0.0.1',
    port: actualPort,
    messages: () => messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
