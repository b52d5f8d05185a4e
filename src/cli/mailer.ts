// The digest mailer of the configuration, for the commands that send digests.
import type { Mailer } from '../areas/reminders/mail.ts';
import { smtpMailer } from '../areas/reminders/mail.ts';
import { config } from './store.ts';

/** Mails through SMTP_URL from SMTP_FROM; undefined (no e-mail) when SMTP_URL is not set. */
export function mailerIfSet(): Mailer | undefined {
  return config.smtpUrl ? smtpMailer(config.smtpUrl, config.smtpFrom) : undefined;
}
