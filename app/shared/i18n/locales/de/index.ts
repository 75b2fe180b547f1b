import common from './common.json'
import vocabulary from './vocabulary.json'

/** The de message files, one per namespace. */
export default { common, vocabulary }
