/** Coach check-ins of a relationship: not deployed yet by the relationships subgraph. */
export function CheckInsSection(_props: { relationshipId: string }) {
  return (
    <>
      <h2>Coach check-ins</h2>
      <p className="state state-info">Check-ins are not available yet: the API has not been deployed.</p>
    </>
  );
}
