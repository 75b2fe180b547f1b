import { describe, expect, it } from 'vitest'
import { loadEnv } from '../../env'
import { mailerFromEnv, publicOrigin } from './mailer'

describe('mailer configuration', () => {
  it('has no mailer without ZIELWERK_SMTP_URL, so reminders stay in the app', () => {
    expect(mailerFromEnv(loadEnv({ ZIELWERK_DATA_DIR: '/tmp/x' }))).toBeNull()
    expect(mailerFromEnv(loadEnv({ ZIELWERK_DATA_DIR: '/tmp/x', ZIELWERK_SMTP_URL: '' }))).toBeNull()
  })

  it('creates a mailer from an SMTP URL and a sender', () => {
    const env = loadEnv({ ZIELWERK_SMTP_URL: 'smtp://user:pass@mail.example.org:587', ZIELWERK_MAIL_FROM: 'Zielwerk <zielwerk@example.org>' })
    expect(mailerFromEnv(env)).not.toBeNull()
  })

  it('stops the start with German messages for a bad SMTP URL or a missing sender', () => {
    expect(() => loadEnv({ ZIELWERK_SMTP_URL: 'http://mail.example.org' })).toThrow('ZIELWERK_SMTP_URL muss eine smtp://- oder smtps://-Adresse sein')
    expect(() => loadEnv({ ZIELWERK_SMTP_URL: 'smtp://mail.example.org' })).toThrow('ZIELWERK_MAIL_FROM fehlt')
    expect(() => loadEnv({ ZIELWERK_SMTP_URL: 'smtp://mail.example.org', ZIELWERK_MAIL_FROM: 'Zielwerk' })).toThrow('ZIELWERK_MAIL_FROM enthält keine E-Mail-Adresse')
    expect(() => loadEnv({ ZIELWERK_PUBLIC_URL: 'zielwerk' })).toThrow('ZIELWERK_PUBLIC_URL ist keine gültige http(s)-Adresse')
  })

  it('links to the public address, else the first allowed origin, else the request’s origin', () => {
    const request = new Request('http://127.0.0.1:3000/runden/2/fortschritt')
    expect(publicOrigin(loadEnv({}), request)).toBe('http://127.0.0.1:3000')
    expect(publicOrigin(loadEnv({ ZIELWERK_ORIGIN: 'https://a.example.org,https://b.example.org' }), request)).toBe('https://a.example.org')
    expect(publicOrigin(loadEnv({ ZIELWERK_ORIGIN: 'https://a.example.org', ZIELWERK_PUBLIC_URL: 'https://zielwerk.example.org/' }), request)).toBe(
      'https://zielwerk.example.org',
    )
  })
})
