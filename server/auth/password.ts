import { hash, verify } from '@node-rs/argon2'
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding'

/** OWASP's argon2id recommendation: m=19 MiB, t=2, p=1. `algorithm: 2` is Argon2id (a const enum upstream). */
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS)
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

/** A random password of 20 base32 characters (100 bits), for the first administrator and resets. */
export function generatePassword(): string {
  const bytes = new Uint8Array(13)
  crypto.getRandomValues(bytes)
  return encodeBase32LowerCaseNoPadding(bytes).slice(0, 20)
}
