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
