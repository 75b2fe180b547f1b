import { openDatabase } from '../../db/client'
import { seedCatalogue } from '../../db/seed/catalogue'
import { DEMO_DOMAIN, DEMO_PASSWORD, seedDemo } from './demo'
import { seedDemoForums } from './demo-forums'
import { seedDemoMonitoring } from './demo-monitoring'
import { DEMO_ROUND_NAME, seedDemoRound } from './demo-round'
import { seedDemoChapters } from './demo-chapters'
import { loadEnv } from '../env'

// `npm run seed:demo`: adds demo accounts, demo assignments, a demo round, demo monitoring values and a demo forum to the
// configured database, each clearly labelled. Never runs by itself.
const env = loadEnv()
const db = openDatabase(env.dbFile)
seedCatalogue(db)
const { created } = await seedDemo(db)
console.log(created.length ? `Demo-Konten angelegt: ${created.join(', ')}` : 'Demo-Konten waren schon vorhanden.')
console.log(seedDemoRound(db).created ? `Demo-Runde angelegt: „${DEMO_ROUND_NAME}“ (abgeschlossen, Beispieldaten; die echten Runden bleiben unberührt).` : `Demo-Runde „${DEMO_ROUND_NAME}“ war schon vorhanden.`)
if (seedDemoChapters(db).created) console.log(`Berichtskapitel der Demo-Runde angelegt (Beispieltexte).`)
console.log(await seedDemoMonitoring(db))
console.log(`Alle Demo-Konten (…@${DEMO_DOMAIN}) haben das Passwort: ${DEMO_PASSWORD}`)
console.log(((f) => (f.created ? `Demo-Forum angelegt; Code ${f.code} öffnet seine Rückmeldung unter /mitmachen/rueckmeldung.` : 'Demo-Forum war schon vorhanden.'))(seedDemoForums(db)))
db.$client.close()
