import nodemailer, { type Transporter } from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  /** Resolves false when the relay refused or was unreachable; the caller's answer does not change. */
  send(mail: OutgoingMail): Promise<boolean>;
  close(): void;
}

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  password: string | null;
  /** Loopback demo receiver: plain SMTP, no STARTTLS. */
  plain?: boolean;
  /** false: STARTTLS is used when offered but not required (a loopback test relay). */
  requireTls?: boolean;
}

/** nodemailer over SMTP. Failures are logged by kind only: the recipient is personal data. */
export function createSmtpMailer(settings: SmtpSettings, from: string, log: FastifyBaseLogger): Mailer {
  const transporter: Transporter = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ...(settings.user ? { auth: { user: settings.user, pass: settings.password ?? '' } } : {}),
    ...(settings.plain ? { ignoreTLS: true } : { requireTLS: !settings.secure && settings.requireTls !== false }),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async send(mail) {
      try {
        await transporter.sendMail({ from, ...mail });
        return true;
      } catch (error) {
        log.warn({ err: error, kind: (error as { code?: string }).code ?? 'unknown' }, 'email not sent');
        return false;
      }
    },
    close: () => transporter.close(),
  };
}
