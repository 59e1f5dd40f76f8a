/**
 * The programme's whole learning library, as the partners of one of its relationships read it: every stage in the
 * order a relationship lives them, the current stage marked and open, in the reader's language.
 */
import { Link, useParams } from 'react-router';
import { useT } from '../i18n/locale';
import { Page, Query, enumKey } from '../ui';
import { ResourceItem, useLearning } from './relationship/learning-section';

const STAGES = ['PREPARING_FIRST_MEETING', 'WRITING_AGREEMENT', 'ACTION_PLAN', 'MID_WAY', 'COMPLETING'] as const;

export function LearningPage() {
  const { id = '' } = useParams();
  const t = useT();
  const [result, retry] = useLearning(id);
  return (
    <Query {...result} retry={() => retry({ requestPolicy: 'network-only' })}>
      {({ relationship: r }) => (
        <Page title={t('learning.libraryTitle')} lead={<Link to={`/relationships/${r.id}`}>{t('learning.back')}</Link>}>
          {STAGES.map((stage) => {
            const resources = (r.programme?.learningResources ?? []).filter((x) => x.stage === stage);
            const current = stage === r.stage;
            return (
              <section key={stage} className="card" aria-labelledby={`stage-${stage}`}>
                <h2 id={`stage-${stage}`}>
                  {t(enumKey('learning.stage', stage))}
                  {current && <span className="badge badge-active"> {t('learning.current')}</span>}
                </h2>
                {resources.length === 0 ? (
                  <p className="muted">{t('learning.noneForStage')}</p>
                ) : (
                  <ul className="learning-list">
                    {resources.map((x) => (
                      <ResourceItem key={x.id} resource={x} open={current && resources.length === 1} />
                    ))}
                  </ul>
                )}
              </section>
            );
          })}
        </Page>
      )}
    </Query>
  );
}
