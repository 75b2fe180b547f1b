import { Node, mergeAttributes } from '@tiptap/core'
import { INDICATOR_REFERENCE, REFERENCE_ATTRIBUTES, REFERENCE_CHECKS, referenceTextOf, type IndicatorReferenceAttrs } from './indicator-reference'

/**
 * The `indicatorReference` node (see indicator-reference.ts): an inline atom, selected and deleted as one piece,
 * printed as a chip of German text. Each attribute is required and validated (ProseMirror refuses a node that
 * breaks a check; admission asks the same `validate`). Attributes go to the DOM as data-* so that copy and paste
 * inside the editor keep the snapshot.
 */

const dataName = (name: string) => `data-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`

function parseValue(name: keyof IndicatorReferenceAttrs, raw: string | null): unknown {
  if (raw === null) return null
  if (name === 'indicatorId' || name === 'territoryId') return Number(raw)
  if (name === 'demo') return raw === 'true'
  return raw
}

export const IndicatorReferenceNode = Node.create({
  name: INDICATOR_REFERENCE,
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  draggable: false,

  addAttributes() {
    return Object.fromEntries(
      REFERENCE_ATTRIBUTES.map((name) => [
        name,
        {
          isRequired: true,
          validate: (value: unknown) => {
            if (!REFERENCE_CHECKS[name](value)) throw new RangeError(`${INDICATOR_REFERENCE}.${name} ist ungültig`)
          },
          parseHTML: (element: HTMLElement) => parseValue(name, element.getAttribute(dataName(name))),
          renderHTML: (attrs: Record<string, unknown>) => ({ [dataName(name)]: String(attrs[name]) }),
        },
      ]),
    )
  },

  parseHTML() {
    return [{ tag: 'span[data-indicator-reference]' }]
  },

  renderHTML({ node, HTMLAttributes }) {
    // Text, not colour: the chip reads "56 % (…; Quelle: …)" to everybody; the border only groups it.
    return ['span', mergeAttributes(HTMLAttributes, { 'data-indicator-reference': '', lang: 'de', class: 'indicator-reference' }), referenceTextOf(node.attrs)]
  },

  renderText({ node }) {
    return referenceTextOf(node.attrs)
  },
})
