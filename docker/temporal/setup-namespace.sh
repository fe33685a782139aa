#!/bin/sh
# One-shot: waits for the Temporal server, creates the namespace and registers the search
# attributes digitoll-flow upserts. The names and types must equal SEARCH_ATTRIBUTES in
# src/shared.ts (test/unit/compose.test.ts checks it). Safe to run again.
set -eu
: "${TEMPORAL_ADDRESS:=temporal:7233}" "${TEMPORAL_NAMESPACE:=default}" "${NAMESPACE_RETENTION:=30d}"
export TEMPORAL_ADDRESS

attempt=0
until temporal operator cluster health >/dev/null 2>&1; do
  attempt=$((attempt + 1))
  if [ "$attempt" -ge 60 ]; then
    echo "Temporal at $TEMPORAL_ADDRESS is not healthy after 60 attempts" >&2
    exit 1
  fi
  sleep 2
done

temporal operator namespace describe --namespace "$TEMPORAL_NAMESPACE" >/dev/null 2>&1 ||
  temporal operator namespace create --namespace "$TEMPORAL_NAMESPACE" --retention "$NAMESPACE_RETENTION"

existing=$(temporal operator search-attribute list --namespace "$TEMPORAL_NAMESPACE")
ensure() {
  if printf '%s\n' "$existing" | grep -qw "$1"; then
    echo "search attribute $1 exists"
  else
    temporal operator search-attribute create --namespace "$TEMPORAL_NAMESPACE" --name "$1" --type "$2"
  fi
}
ensure DigitollPhase Keyword
ensure DigitollMrn Keyword
ensure DigitollDocumentNumber Keyword
ensure DigitollRouting Keyword
ensure ErpReference Keyword
ensure DigitollNeedsAttention Bool
echo "Namespace $TEMPORAL_NAMESPACE and search attributes are ready"
