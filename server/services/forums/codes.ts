import crypto from 'node:crypto'

/**
 * Forum and seat codes: typed on a phone from a printed sheet, so short, upper-case and without the characters
 * that look alike (0/O, 1/I/L). 31 symbols: a forum code of 6 gives ~887 million, a personal code of 8 ~852 billion
 * possibilities, against a join limit per address (server/auth/forum-session.ts). Stored normalised (no separators).
 */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
export const FORUM_CODE_LENGTH = 6
export const SEAT_CODE_LENGTH = 8

export function generateCode(length: number): string {
  const bytes = crypto.randomBytes(length * 2)
  let out = ''
  // Rejection sampling: 248 = 8 × 31, so every symbol is equally likely.
  for (let i = 0; out.length < length; i++) {
    if (i >= bytes.length) return out + generateCode(length - out.length)
    const byte = bytes[i]!
    if (byte < 248) out += CODE_ALPHABET[byte % 31]
  }
  return out
}

/** What a person typed: any case, with spaces or dashes; O read as 0 is not in the alphabet, so it stays wrong. */
export function normaliseCode(input: string): string {
  return input.toUpperCase().replace(/[\s\-–_.]/g, '')
}

export const isWellFormedCode = (code: string) => code.length >= FORUM_CODE_LENGTH && code.length <= SEAT_CODE_LENGTH && [...code].every((c) => CODE_ALPHABET.includes(c))

/** For print and screen: in groups of three or four ("ABC-DEF", "ABCD-EFGH"). */
export function formatCode(code: string): string {
  const size = code.length === SEAT_CODE_LENGTH ? 4 : 3
  return code.match(new RegExp(`.{1,${size}}`, 'g'))?.join('-') ?? code
}
