#!/usr/bin/env bash
# Publishes infra/supergraph/supergraph.graphql (written by `npm run schema:check -- <service> --publish`)
# to the gateway-supergraph ConfigMap. The kubelet refreshes the mounted file within about a minute and
# every gateway replica swaps it in without a restart, after validating it and checking that its
# subgraphs answer; a bad supergraph is refused and the previous one kept.
#   infra/k8s/publish-supergraph.sh tandem
set -euo pipefail
ns=${1:?namespace}
file=${2:-$(dirname "$0")/../supergraph/supergraph.graphql}
kubectl -n "$ns" create configmap gateway-supergraph --from-file=supergraph.graphql="$file" --dry-run=client -o yaml \
  | kubectl apply -f -
