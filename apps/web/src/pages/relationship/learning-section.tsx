/**
 * Help for the stage a relationship is at: the programme's learning resources for that stage, in the reader's
 * language (the programme falls back to English where it has nothing in it), and the way to the whole library.
 */
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import { useLocale, useT } from '../../i18n/locale';
import { enumKey, Query } from '../../ui';
import { Section } from './section';

export const LearningQuery = graphql(`
  query WebRelationshipLearning($id: ID!, $language: String) {
    relationship(id: $id) {
      id
      stage
      programme {
        id
        learningResources(language: $language) {
          id
          title
          kind
          body
          url
          stage
        }
      }
    }
  }
`);

export type LearningResource = NonNullable<
  NonNullable<ResultOf<typeof LearningQuery>['relationship']['programme']>['learningResources']
>[number];

/** The query of a relationship's learning resources in the reader's language. */
export function useLearning(relationshipId: string) {
  const { locale } = useLocale();
  return useQuery({ query: LearningQuery, variables: { id: relationshipId, language: locale } });
}

/** A resource's text: paragraphs split on blank lines, lines starting "- " or "1. " as list items. */
function ResourceBody({ body }: { body: string }) {
  const blocks = body.split(/\n\s*\n/);
  return (
    <>
      {blocks.map((block, i) => {
        const lines = block.split('\n').filter((l) => l.trim());
        const bullets = lines.length > 0 && lines.every((l) => /^\s*-\s/.test(l));
        const numbered = lines.length > 0 && lines.every((l) => /^\s*\d+\.\s/.test(l));
        if (bullets || numbered) {
          const items = lines.map((l, j) => <li key={j}>{l.replace(/^\s*(-|\d+\.)\s+/, '')}</li>);
          return numbered ? <ol key={i}>{items}</ol> : <ul key={i}>{items}</ul>;
        }
        // a heading line ("Before you meet:") followed by a list
        if (lines.length > 1 && lines.slice(1).every((l) => /^\s*-\s/.test(l)))
          return (
            <div key={i}>
              <p>{lines[0]}</p>
              <ul>
                {lines.slice(1).map((l, j) => (
                  <li key={j}>{l.replace(/^\s*-\s+/, '')}</li>
                ))}
              </ul>
            </div>
          );
        return <p key={i}>{lines.join(' ')}</p>;
      })}
    </>
  );
}

/** One resource, folded: its title and kind, unfolded its text and link. */
export function ResourceItem({ resource: r, open = false }: { resource: LearningResource; open?: boolean }) {
  const t = useT();
  return (
    <li className="learning-resource">
      <details open={open}>
        <summary>
          <span className="learning-kind">{t(enumKey('learning.kind', r.kind))}</span> {r.title}
        </summary>
        {r.body && <ResourceBody body={r.body} />}
        {r.url && (
          <p>
            <a href={r.url} target="_blank" rel="noopener noreferrer">
              {t(r.kind === 'VIDEO' ? 'learning.watch' : 'learning.open')}
            </a>
          </p>
        )}
      </details>
    </li>
  );
}

export function LearningSection({ relationshipId }: { relationshipId: string }) {
  const t = useT();
  const [result, retry] = useLearning(relationshipId);
  return (
    <Section id="learning" title={t('learning.title')}>
      <Query {...result} retry={() => retry({ requestPolicy: 'network-only' })}>
        {({ relationship: r }) => {
          const resources = (r.programme?.learningResources ?? []).filter((x) => x.stage === r.stage);
          return (
            <>
              <p className="muted">{t('learning.stageLine', { stage: t(enumKey('learning.stage', r.stage)) })}</p>
              {resources.length === 0 ? (
                <p>{t('learning.noneForStage')}</p>
              ) : (
                <ul className="learning-list">
                  {resources.map((x) => (
                    <ResourceItem key={x.id} resource={x} />
                  ))}
                </ul>
              )}
              <p>
                <Link to={`/relationships/${r.id}/learning`}>{t('learning.library')}</Link>
              </p>
            </>
          );
        }}
      </Query>
    </Section>
  );
}
