/**
 * The page in Leichte Sprache: German only, by its nature (a German text for people who read German with
 * difficulty), so it is content of the county's like the catalogue, not a message to translate. Short sentences,
 * one thought each, no abbreviations, no passive (Netzwerk Leichte Sprache). Wants a check by a Leichte-Sprache
 * review group before real use.
 */
export const EASY_GERMAN: { heading: string; sentences: string[] }[] = [
  {
    heading: 'Was ist ein Forum?',
    sentences: [
      'Ein Forum ist ein Treffen.',
      'Viele Menschen kommen zusammen.',
      'Sie reden über ein Thema.',
      'Das Thema ist: Wie leben wir gut zusammen im Landkreis Osnabrück?',
      'Der Landkreis hat dafür einen Plan.',
      'Der Plan heißt: Konzept Migration und Integration.',
    ],
  },
  {
    heading: 'Was machen Sie im Forum?',
    sentences: [
      'Sie sitzen an einem Tisch.',
      'An jedem Tisch geht es um ein Thema.',
      'Zum Beispiel: Sprache. Oder: Arbeit. Oder: Wohnen.',
      'Sie sagen Ihre Meinung.',
      'Sie schreiben Ihre Meinung auf eine Karte.',
      'Das geht auf Papier oder mit Ihrem Handy.',
      'Sie können in Ihrer Sprache schreiben.',
    ],
  },
  {
    heading: 'Wie geht das mit dem Handy?',
    sentences: [
      'Sie bekommen einen Code.',
      'Der Code steht auf Ihrer Einladung oder auf einer Karte am Tisch.',
      'Sie geben den Code auf der Seite „Mitmachen“ ein.',
      'Ihren Namen müssen Sie nicht sagen.',
      'Dann schreiben Sie Ihre Karte.',
      'Manchmal gibt es eine Abstimmung.',
      'Dann tippen Sie auf Ihre Antwort.',
    ],
  },
  {
    heading: 'Was passiert mit Ihren Karten?',
    sentences: [
      'Nach dem Forum lesen Fachleute vom Landkreis alle Karten.',
      'Die Fachleute heißen: Koordinierungsgruppe.',
      'Sie prüfen jede Karte.',
      'Manche Ideen stehen schon im Plan.',
      'Manche Ideen kommen neu in den Plan.',
      'Manche Ideen kommen nicht in den Plan.',
      'Dann schreiben die Fachleute auf: Warum nicht?',
    ],
  },
  {
    heading: 'Wie erfahren Sie das?',
    sentences: [
      'Auf der Seite „Rückmeldung“ steht, was aus den Karten geworden ist.',
      'Sie brauchen dafür den Code von Ihrer Einladung.',
      'Ihr Name steht dort nicht.',
    ],
  },
]
