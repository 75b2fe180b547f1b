import account from './account.json'
import admin from './admin.json'
import catalogue from './catalogue.json'
import common from './common.json'
import errors from './errors.json'
import forums from './forums.json'
import meetings from './meetings.json'
import monitoring from './monitoring.json'
import participant from './participant.json'
import policy from './policy.json'
import report from './report.json'
import rounds from './rounds.json'
import site from './site.json'
import validation from './validation.json'
import vocabulary from './vocabulary.json'

/** The de message files, one per namespace (the same list as NAMESPACES in app/shared/i18n/index.ts). */
export default { common, vocabulary, policy, validation, errors, account, catalogue, rounds, meetings, admin, report, forums, participant, monitoring, site }
