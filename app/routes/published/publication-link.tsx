import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'

/** On the rounds page, for a closed round: its publication state and the way to publish or withdraw it. */
export function PublicationLink({ roundId, name, published }: { roundId: number; name: string; published: boolean }) {
  const { t } = useTranslation()
  return (
    <p className="text-sm" data-testid="publication-link">
      {published ? <span className="mr-2 rounded border border-green-800 px-1 text-green-900">{t('report:publish.linkPublished')}</span> : null}
      <Link to={`/runden/${roundId}/veroeffentlichung`}>
        <span aria-hidden="true">{t('report:publish.link')}</span>
        <span className="sr-only">
          {t('report:publish.link')}: <span lang="de">{name}</span>
        </span>
      </Link>
    </p>
  )
}
