/**
 * The page each bookmark of a Chromium PDF points to, by its title: Chromium prints no page numbers into a table of
 * contents, but `outline: true` writes a bookmark per heading whose destination is its page. Skia writes the
 * outline items, the page tree and the catalogue as plain (uncompressed) objects, so reading them needs no PDF
 * library: objects by number, the page tree in order, each item's /Title (literal or UTF-16BE hex) and /Dest page.
 */
export function outlinePages(pdf: Uint8Array): Map<string, number> {
  const { objects, order } = pageTree(pdf)
  const pages = new Map<string, number>()
  for (const body of objects.values()) {
    const dest = /\/Dest \[(\d+) 0 R/.exec(body)
    const title = /\/Title (\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)/.exec(body)
    if (!dest || !title) continue
    const page = order.get(Number(dest[1]))
    const text = decodeString(title[1]!)
    if (page !== undefined && !pages.has(text)) pages.set(text, page)
  }
  return pages
}

/**
 * The page of each named destination, by its name: an untagged Chromium PDF has no bookmarks, but every internal
 * link (<a href="#id">) gets a destination in the catalogue's /Dests dictionary, `/id [page 0 R /XYZ …]`. So a first
 * print made only for page numbers can go untagged (the cheaper print) if its contents link to what they number.
 */
export function destinationPages(pdf: Uint8Array): Map<string, number> {
  const { objects, order, catalog } = pageTree(pdf)
  const pages = new Map<string, number>()
  const dests = catalog ? ref(catalog, 'Dests') : null
  const body = dests === null ? '' : (objects.get(dests) ?? '')
  for (const match of body.matchAll(/\/([^\s[/()<>]+)\s*\[(\d+) 0 R/g)) {
    const page = order.get(Number(match[2]))
    if (page !== undefined) pages.set(decodeName(match[1]!), page)
  }
  return pages
}

/** The number of pages of a Chromium PDF (its page tree's leaves). */
export function pageCount(pdf: Uint8Array): number {
  return pageTree(pdf).order.size
}

/** The objects of a Chromium PDF by number, the catalogue, and each page object's number in reading order. */
function pageTree(pdf: Uint8Array) {
  const source = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1')
  const objects = new Map<number, string>()
  for (const match of source.matchAll(/(?:^|\n)(\d+) 0 obj\n([\s\S]*?)\nendobj/g)) objects.set(Number(match[1]), match[2]!)
  const catalog = [...objects.values()].find((body) => /\/Type \/Catalog\b/.test(body))
  const pagesRoot = catalog ? ref(catalog, 'Pages') : null
  const order = new Map<number, number>()
  const walk = (id: number) => {
    const body = objects.get(id)
    if (!body) return
    if (/\/Type \/Pages\b/.test(body)) {
      const kids = /\/Kids \[([^\]]*)\]/.exec(body)?.[1] ?? ''
      for (const kid of kids.matchAll(/(\d+) 0 R/g)) walk(Number(kid[1]))
    } else if (/\/Type \/Page\b/.test(body)) order.set(id, order.size + 1)
  }
  if (pagesRoot !== null) walk(pagesRoot)
  return { objects, order, catalog }
}

/** A PDF name without its #xx escapes. */
const decodeName = (name: string) => name.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))

function ref(body: string, key: string): number | null {
  const match = new RegExp(`/${key} (\\d+) 0 R`).exec(body)
  return match ? Number(match[1]) : null
}

function decodeString(token: string): string {
  if (token.startsWith('<')) {
    const hex = token.slice(1, -1).replace(/\s+/g, '')
    const bytes = Buffer.from(hex, 'hex')
    if (bytes[0] === 0xfe && bytes[1] === 0xff) {
      let out = ''
      for (let i = 2; i + 1 < bytes.length; i += 2) out += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!)
      return out
    }
    return bytes.toString('latin1')
  }
  return token
    .slice(1, -1)
    .replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, c: string) => {
      const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' }
      return simple[c] ?? String.fromCharCode(parseInt(c, 8))
    })
}
