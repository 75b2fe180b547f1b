import type { Page } from 'playwright-core'

/**
 * Words that mark an untranslated German text on a page shown in English: the app's own UI words, not the
 * catalogue's (fields, challenges, goals and measures are the county's German texts and carry lang="de"), and not
 * words of German proper names that the data holds (units like "Fachdienst Soziales und Jugend", rounds like
 * "Sachstand 2026"), so no short function words (und, der, für …).
 */
export const GERMAN_UI_WORDS = [
  'Übersicht', 'Maßnahme', 'Maßnahmen', 'Bewertung', 'Bewertungen', 'Sitzung', 'Sitzungen', 'Berichtsrunde', 'Berichtsrunden',
  'Tagesordnung', 'Protokoll', 'Anwesenheit', 'Anwesend', 'Beschluss', 'Beschlussnotiz', 'Vorschlag', 'Vorschläge', 'abgestimmt',
  'Abstimmung', 'speichern', 'Speichern', 'gespeichert', 'Gespeichert', 'Abbrechen', 'zurück', 'Zurück', 'Einheit', 'Einheiten',
  'Organisationseinheit', 'Aufgaben', 'Fortschritt', 'Vergleich', 'Hinweis', 'Hinweise', 'Erinnerung', 'erinnern', 'Erinnern',
  'Benutzer', 'Rolle', 'Rollen', 'Anmelden', 'Abmelden', 'Passwort', 'Ziel', 'Ziele', 'Herausforderung', 'Handlungsfeld',
  'Handlungsfelder', 'Merkmal', 'Merkmale', 'bewertet', 'hoch', 'mittel', 'gering', 'unklar', 'offen', 'geplant', 'läuft',
  'beendet', 'vertagt', 'besprochen', 'Pflichtaufgabe', 'Weiterführungsbedarf', 'Zuständigkeit', 'zuständig', 'Zuständig',
  'federführend', 'beteiligt', 'fällig', 'überfällig', 'keine', 'Keine', 'nicht', 'Seite', 'Fehler', 'Suche', 'zurücksetzen',
  'Punkt', 'Punkte', 'Gäste', 'Datum', 'Uhrzeit', 'Titel', 'Nachricht', 'gelesen', 'ungelesen', 'Sachstand', 'Zeitraum',
  'Abgabetermin', 'öffnen', 'Öffnen', 'abschließen', 'Abschließen', 'abgeschlossen', 'Entwurf', 'Verwaltung', 'Zuordnung',
  'Zuordnungen', 'Vorlage', 'hochladen', 'Datei', 'aktiv', 'deaktiviert', 'Konto', 'Anzeigen', 'anzeigen', 'Legende',
  'Treffer', 'Moderation', 'Verlauf', 'Bearbeitung', 'Sitzungsmodus', 'Teilnehmende', 'bisher', 'seit',
  'Runde', 'Änderung', 'Änderungen', 'geändert', 'verschlechtert', 'verbessert', 'gleich', 'wählen', 'Bitte', 'bitte',
] as const

const WORDS = new RegExp(`(?<![\\p{L}\\p{N}])(${GERMAN_UI_WORDS.join('|')})(?![\\p{L}\\p{N}])`, 'u')

/**
 * The German UI words in what the page says: every text node and the accessible texts of attributes (aria-label,
 * title, placeholder, alt, value of buttons), outside any element marked with a language other than English.
 */
export async function germanOnPage(page: Page): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const out: string[] = []
    const foreign = (el: Element | null) => {
      const lang = el?.closest('[lang]')?.getAttribute('lang') ?? ''
      return !lang.startsWith('en')
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement
      if (!parent || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(parent.tagName)) continue
      const text = node.textContent?.trim()
      if (text && !foreign(parent)) out.push(text)
    }
    for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt], input[type="submit"], button[value]')) {
      if (foreign(el)) continue
      for (const attr of ['aria-label', 'title', 'placeholder', 'alt']) {
        const value = el.getAttribute(attr)
        if (value) out.push(value)
      }
      if (el instanceof HTMLInputElement && el.type === 'submit') out.push(el.value)
    }
    out.push(document.title)
    return out
  })
  return texts.filter((text) => WORDS.test(text)).map((text) => `${text.slice(0, 120)} ← „${WORDS.exec(text)![1]}“`)
}
