#!/bin/sh
# One-shot: waits until the Temporal server answers, creates the namespace and registers the
# search attributes digitoll-flow upserts, read from SEARCH_ATTRIBUTES in src/shared.ts (mounted
# at $SEARCH_ATTRIBUTES_SOURCE), so an attribute added there is registered here too. Safe to run
# again. `setup-namespace.sh --list` prints the attributes it would register and exits.
set -eu
: "${TEMPORAL_ADDRESS:=temporal:7233}" "${TEMPORAL_NAMESPACE:=default}" "${NAMESPACE_RETENTION:=30d}"
: "${SEARCH_ATTRIBUTES_SOURCE:=/digitoll/shared.ts}" "${WAIT_SECONDS:=600}"
export TEMPORAL_ADDRESS

# Lines like `  phase: { name: 'DigitollPhase', type: 'Keyword' },` become `DigitollPhase Keyword`.
attributes() {
  sed -n "s/^ *[A-Za-z]*: { name: '\([A-Za-z0-9_]*\)', type: '\([A-Za-z]*\)' },\{0,1\} *$/\1 \2/p" \
    "$SEARCH_ATTRIBUTES_SOURCE"
}

if [ "${1:-}" = "--list" ]; then
  attributes
  exit 0
fi
if [ -z "$(attributes)" ]; then
  echo "no search attributes found in $SEARCH_ATTRIBUTES_SOURCE" >&2
  exit 1
fi

# The server may still be starting (schema, shards): wait for it here rather than in a restart loop.
waited=0
until temporal operator cluster health >/dev/null 2>&1; do
  if [ "$waited" -ge "$WAIT_SECONDS" ]; then
    echo "Temporal at $TEMPORAL_ADDRESS did not answer within $WAIT_SECONDS s" >&2
    exit 1
  fi
  sleep 2
  waited=$((waited + 2))
done

temporal operator namespace describe --namespace "$TEMPORAL_NAMESPACE" >/dev/null 2>&1 ||
  temporal operator namespace create --namespace "$TEMPORAL_NAMESPACE" --retention "$NAMESPACE_RETENTION"

existing=$(temporal operator search-attribute list --namespace "$TEMPORAL_NAMESPACE")
attributes | while read -r name type; do
  if printf '%s\n' "$existing" | grep -qw "$name"; then
    echo "search attribute $name exists"
  else
    temporal operator search-attribute create --namespace "$TEMPORAL_NAMESPACE" --name "$name" --type "$type"
  fi
done
echo "Namespace $TEMPORAL_NAMESPACE and search attributes are ready"
