import common from './common.json'
import vocabulary from './vocabulary.json'

/** The en message files, one per namespace. */
export default { common, vocabulary }
