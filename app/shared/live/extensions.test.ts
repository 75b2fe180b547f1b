import { describe, expect, test } from 'vitest'
import { isAllowedHref, narrativeSchema } from './extensions'

describe('the narrative editor’s schema', () => {
  test('has exactly paragraphs, lists, hard breaks, indicator references, bold, italic and links', () => {
    const schema = narrativeSchema()
    expect(Object.keys(schema.nodes).sort()).toEqual(['bulletList', 'doc', 'hardBreak', 'indicatorReference', 'listItem', 'orderedList', 'paragraph', 'text'])
    expect(Object.keys(schema.marks).sort()).toEqual(['bold', 'italic', 'link'])
  })
})

describe('link targets', () => {
  test.each(['https://example.org', 'http://example.org/a?b=c#d', 'mailto:integration@landkreis.de', 'HTTPS://EXAMPLE.ORG'])('%s is allowed', (href) => {
    expect(isAllowedHref(href)).toBe(true)
  })

  test.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,hi',
    'vbscript:x',
    'file:///etc/passwd',
    '/relative/path',
    '//example.org',
    'example.org',
    '',
    'https://' + 'a'.repeat(3000),
  ])('%j is refused', (href) => {
    expect(isAllowedHref(href)).toBe(false)
  })

  test('a value that is no string is refused', () => {
    expect(isAllowedHref(null)).toBe(false)
    expect(isAllowedHref({ href: 'https://example.org' })).toBe(false)
  })
})
