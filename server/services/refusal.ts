import { translateKey, type MessageKey, type MessageValues, type T } from '../../app/shared/i18n'
import { tFor } from '../../app/shared/i18n/resources'

/**
 * A refusal of a service: bad input, or a state that does not allow the action. It names a message key (German,
 * English and any other language in the message files: one place for every refusal text) with its values, and the
 * form field it belongs next to ('form' for the whole form). Routes translate it into the request's language
 * (`refusal.text(t)`); `message` is the German text, for logs and tests. Each service has its own subclass, so a
 * route catches only the refusals of the service it called and lets anything else through as a real error.
 */
export class Refusal extends Error {
  override name = 'Refusal'
  readonly key: MessageKey
  readonly values: MessageValues
  readonly field: string

  // TODO(i18n): until every service names keys, a German text or a field as second argument still passes.
  constructor(key: MessageKey | (string & {}), options: { values?: MessageValues; field?: string } | string = {}) {
    if (typeof options === 'string') options = { field: options }
    const values = options.values ?? {}
    super(translateKey(tFor('de'), key, values))
    this.key = key as MessageKey
    this.values = values
    this.field = options.field ?? 'form'
  }

  /** The message in the language of `t`. */
  text(t: T): string {
    return translateKey(t, this.key, this.values)
  }
}
