import type { DbOrTx } from '../../../db/client'
import municipalities from '../../../db/seed/municipalities.json'
import { listRounds } from '../../../server/services/catalogue/catalogue'
import { listFormats, listTargetGroups } from '../../../server/services/forums/lists'
import { COUNTY } from '../../../server/services/forums/presets'

/**
 * The choices of the forum form. The inviting party is the county or one of the 21 member municipalities, read
 * from db/seed/municipalities.json as plain text for now: the monitoring's municipalities table replaces the list
 * (and the column becomes a reference) when it lands.
 */
export function forumChoices(db: DbOrTx) {
  return {
    formats: listFormats(db),
    targetGroups: listTargetGroups(db),
    rounds: listRounds(db).map((r) => ({ id: r.id, name: r.name })),
    invitingParties: [COUNTY, ...municipalities.municipalities.map((m) => m.name)],
  }
}
