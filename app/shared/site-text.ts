/**
 * The site's texts (accessibility statement, privacy notice) are kept as plain text with three conventions: a
 * blank line separates paragraphs, "## " starts a subheading, "- " a list item. Parsed into blocks, never into
 * HTML, so an administrator's text cannot inject markup anywhere it is shown.
 */
export type TextBlock = { kind: 'heading'; text: string } | { kind: 'paragraph'; text: string } | { kind: 'list'; items: string[] }

export function textBlocks(body: string): TextBlock[] {
  const blocks: TextBlock[] = []
  let paragraph: string[] = []
  let list: string[] = []
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', text: paragraph.join(' ') })
    if (list.length) blocks.push({ kind: 'list', items: list })
    paragraph = []
    list = []
  }
  for (const raw of body.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim()
    if (line === '') flush()
    else if (line.startsWith('## ')) {
      flush()
      blocks.push({ kind: 'heading', text: line.slice(3).trim() })
    } else if (line.startsWith('- ')) {
      if (paragraph.length) flush()
      list.push(line.slice(2).trim())
    } else {
      if (list.length) flush()
      paragraph.push(line)
    }
  }
  flush()
  return blocks
}

/** A placeholder the administration still has to fill in, e.g. "[bitte eintragen]". */
export const hasPlaceholder = (body: string) => /\[[^\]\n]{3,}\]/.test(body)
