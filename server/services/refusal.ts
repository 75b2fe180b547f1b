/**
 * A refusal with a German message for the UI: bad input or a state that does not allow the action. `field` says
 * which form field it belongs next to ('form' for the whole form). Each service has its own subclass, so a route
 * catches only the refusals of the service it called and lets anything else through as a real error.
 */
export class Refusal extends Error {
  override name = 'Refusal'
  constructor(
    message: string,
    readonly field: string = 'form',
  ) {
    super(message)
  }
}
