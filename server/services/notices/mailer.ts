import type { Transporter } from 'nodemailer'
import type { Env } from '../../env'

/**
 * E-mail is optional: without ZIELWERK_SMTP_URL there is no mailer and reminders reach people in the app only.
 * The mailer is created once in the process entry and handed to routes with the other services.
 */

export type OutgoingMail = { to: { name: string; address: string }; subject: string; text: string }

export type Mailer = {
  /** Resolves once the transport has accepted the message; rejects with the transport's error. */
  send: (mail: OutgoingMail) => Promise<void>
}

/** A mailer over any nodemailer transport (SMTP in production, JSON or a failing stub in tests). */
export function createMailer(transport: Pick<Transporter, 'sendMail'>, from: string): Mailer {
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text })
    },
  }
}

/**
 * SMTP from the environment, or null. The timeouts are short because the reminder form waits for the mails to
 * report how many went out; nodemailer's defaults (minutes) would hold the request that long.
 */
export function mailerFromEnv(env: Pick<Env, 'ZIELWERK_SMTP_URL' | 'ZIELWERK_MAIL_FROM'>): Mailer | null {
  if (!env.ZIELWERK_SMTP_URL || !env.ZIELWERK_MAIL_FROM) return null
  const url = env.ZIELWERK_SMTP_URL
  // nodemailer is loaded with the first mail, not at start (~20 MB of memory for a process that may never mail).
  let transport: Promise<Transporter> | null = null
  const smtp = () =>
    (transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 }),
    ))
  return createMailer({ sendMail: async (message) => (await smtp()).sendMail(message) }, env.ZIELWERK_MAIL_FROM)
}

/** The origin for links in e-mails: the configured public address, else the first allowed origin, else the request's. */
export function publicOrigin(env: Pick<Env, 'ZIELWERK_PUBLIC_URL' | 'ZIELWERK_ORIGIN'>, request: Request): string {
  return env.ZIELWERK_PUBLIC_URL ?? env.ZIELWERK_ORIGIN[0] ?? new URL(request.url).origin
}
