#!/usr/bin/env bash
# Creates (or replaces) the Secrets of infra/k8s/secrets.example.yaml in a namespace, for a development
# cluster: a random gateway secret, a fresh Ed25519 token-signing key pair, and per service a DATABASE_URL (its
# role tandem_<service>, password from TANDEM_DB_PASSWORD_<SERVICE> or "tandem"; the migration job creates the
# role) and the OWNER_DATABASE_URL its migrations run as (tandem_owner with CREATEROLE, password from
# TANDEM_DB_OWNER_PASSWORD or "tandem").
#   infra/k8s/create-secrets.sh tandem-dev postgres://tandem-db-rw.databases:5432/tandem
set -euo pipefail
ns=${1:?namespace}
db=${2:?postgres url without credentials, e.g. postgres://host:5432/tandem}
apply() { kubectl -n "$ns" create secret generic "$@" --dry-run=client -o yaml | kubectl apply -f -; }
for svc in identity matching relationships reporting; do
  var="TANDEM_DB_PASSWORD_${svc^^}"
  apply "tandem-$svc-db" --from-literal=DATABASE_URL="${db/:\/\//://tandem_$svc:${!var:-tandem}@}" \
    --from-literal=OWNER_DATABASE_URL="${db/:\/\//://tandem_owner:${TANDEM_DB_OWNER_PASSWORD:-tandem}@}"
done
apply tandem-gateway-secret --from-literal=GATEWAY_SECRET="$(openssl rand -hex 24)"
# live updates: the gateway LISTENs as a role with LOGIN only (create it: CREATE ROLE tandem_live LOGIN PASSWORD '...')
apply tandem-gateway-db --from-literal=LIVE_DATABASE_URL="${db/:\/\//://tandem_live:${TANDEM_DB_PASSWORD_LIVE:-tandem}@}"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
openssl genpkey -algorithm ed25519 -out "$dir/private.pem"
openssl pkey -in "$dir/private.pem" -pubout -out "$dir/public.pem"
apply tandem-jwt --from-file=JWT_PRIVATE_KEY="$dir/private.pem" --from-file=JWT_PUBLIC_KEY="$dir/public.pem"
# reporting signs the CPD ledger's checkpoints with a key of its own (auditors keep the public half)
openssl genpkey -algorithm ed25519 -out "$dir/checkpoint-private.pem"
openssl pkey -in "$dir/checkpoint-private.pem" -pubout -out "$dir/checkpoint-public.pem"
apply tandem-checkpoint-key --from-file=CHECKPOINT_SIGNING_KEY="$dir/checkpoint-private.pem" \
  --from-file=CHECKPOINT_PUBLIC_KEY="$dir/checkpoint-public.pem"
# identity's outgoing mail: TANDEM_SMTP_URL, else a local catch-all (e.g. Mailpit) in the namespace
apply tandem-smtp --from-literal=SMTP_URL="${TANDEM_SMTP_URL:-smtp://mailpit:1025}"
