/** The document title of a page: its own title (from its loader, in the user's language) and the app's name. */
export function pageTitle(data: { title?: string } | undefined) {
  return [{ title: data?.title ? `${data.title} – Zielwerk` : 'Zielwerk' }]
}
