import common from './common.json'
import participant from './participant.json'
import site from './site.json'
import vocabulary from './vocabulary.json'

/** The tr message files: only what participant pages show (PARTICIPANT_MESSAGES in app/shared/i18n/languages.ts). */
export default { common, vocabulary, participant, site }
