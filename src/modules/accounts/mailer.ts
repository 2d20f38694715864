import nodemailer from 'nodemailer';
import type { Logger } from '../../platform/logger.ts';

export type Mail = { to: string; subject: string; text: string };
export type Mailer = { send(mail: Mail): Promise<void>; readonly configured: boolean };

/**
 * Mail through SMTP (SMTP_URL, e.g. smtps://user:pass@smtp.example.com:465) with nodemailer.
 * Without it, development writes the mail to the log so a reset link can be followed locally;
 * production never logs it (a reset link in a log aggregator is a password), it says the mail
 * could not be sent.
 */
export function createMailer(opts: { smtpUrl?: string; from: string; production: boolean; logger: Logger }): Mailer {
  const transport = opts.smtpUrl ? nodemailer.createTransport(opts.smtpUrl) : undefined;
  return {
    configured: transport !== undefined,
    async send(mail) {
      if (transport) {
        await transport.sendMail({ from: opts.from, to: mail.to, subject: mail.subject, text: mail.text });
        return;
      }
      if (opts.production) {
        opts.logger.error({ subject: mail.subject }, 'mail not sent: SMTP_URL is not configured');
        return;
      }
      opts.logger.info({ to: mail.to, subject: mail.subject, text: mail.text }, 'mail (SMTP_URL not configured: written here instead of sent)');
    },
  };
}
