// The digest's e-mail over SMTP (nodemailer), when SMTP_URL is set.
import type { Transporter } from 'nodemailer';

export interface Mailer {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}

/** A mailer sending through the SMTP server of the URL (`smtp://user:pass@host:port`, `smtps://…`). */
export function smtpMailer(url: string, from: string): Mailer {
  // nodemailer is loaded by the first message, not when the server starts (see reports/workbook.ts).
  let transport: Promise<Transporter> | undefined;
  return {
    async send(message) {
      transport ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(url));
      await (await transport).sendMail({ from, ...message });
    },
  };
}
