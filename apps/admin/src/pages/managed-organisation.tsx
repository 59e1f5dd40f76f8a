/**
 * The organisation whose settings a page manages (webhooks, API keys): any for an ADMIN, their own for a
 * PROGRAMME_ADMIN, chosen in a list; the page's body is given the chosen organisation's id. A link may choose it
 * (`?organisation=<id>`, as a disabled webhook endpoint's notice does) when the person may manage that one.
 */
import { useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '@tandem/ui/graphql';
import { Field, QueryState, hasAnyRole, nodesOf, useAuth } from '@tandem/ui';
import { useT } from '../i18n/locale';

const OrganisationsQuery = graphql(`
  query ManagedOrganisations {
    organizationsConnection(first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

export function ManagedOrganisation({
  id,
  noOrganisation,
  children,
}: {
  /** The list's element id. */
  id: string;
  /** What a PROGRAMME_ADMIN without an organisation is told. */
  noOrganisation: string;
  children: (organizationId: string) => ReactNode;
}) {
  const { session } = useAuth();
  const isAdmin = hasAnyRole(session, ['ADMIN']);
  const own = session?.user.organizationId ?? null;
  const [params] = useSearchParams();
  const [chosen, setChosen] = useState<string | null>(params.get('organisation'));
  const [orgs] = useQuery({ query: OrganisationsQuery });
  const t = useT();
  return (
    <QueryState {...orgs}>
      {(data) => {
        const choices = nodesOf(data.organizationsConnection).filter((o) => isAdmin || o.id === own);
        if (choices.length === 0) return <p className="state state-info">{noOrganisation}</p>;
        const organizationId = choices.some((o) => o.id === chosen) ? chosen! : choices[0].id;
        return (
          <>
            <Field id={id} label={t('rel.organisation')}>
              <select id={id} value={organizationId} onChange={(e) => setChosen(e.target.value)}>
                {choices.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </Field>
            {children(organizationId)}
          </>
        );
      }}
    </QueryState>
  );
}
