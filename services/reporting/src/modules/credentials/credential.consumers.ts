/**
 * The credentials' consumers: a person who erases their account takes their credentials' signed documents and
 * their name with them. The credential is not revoked: the holder may keep the copy they downloaded, and it stays
 * true; the row stays as the status list's slot, so staff could still revoke it were the hours later denied.
 */
import { consumers } from '@tandem/subgraph-kit';
import type { CredentialRepository } from './credential.repository';
import type { CredentialRequestRepository } from './credential-request.repository';

export interface CredentialDeps {
  credentials: CredentialRepository;
  credentialRequests: CredentialRequestRepository;
}

export const credentialConsumers = consumers<CredentialDeps>({
  UserErased: async ({ payload: e }, tx, { credentials, credentialRequests }) => {
    await credentials.eraseHolder(tx, e.userId, e.pseudonym, e.erasedAt);
    await credentialRequests.eraseNotesOf(tx, e.userId);
  },
});
