#!/bin/sh
# docker-compose, once the Temporal server answers: the namespace and the SPEC §5 search attributes
# that `npm start` registers on its dev server (keep in step with SEARCH_ATTRIBUTES in config/env.ts).
set -eu
export TEMPORAL_ADDRESS=temporal:7233
until temporal operator cluster health >/dev/null 2>&1; do sleep 2; done
temporal operator namespace describe -n "$TEMPORAL_NAMESPACE" >/dev/null 2>&1 ||
  temporal operator namespace create -n "$TEMPORAL_NAMESPACE" --retention "$TEMPORAL_RETENTION"
for pair in IncidentSeverity=Keyword IncidentStage=Keyword IncidentCategory=Keyword \
  IncidentDepartment=Keyword IncidentDeadlineBreached=Bool IncidentDiscoveredAt=Datetime; do
  name=${pair%%=*}
  if ! temporal operator search-attribute list -n "$TEMPORAL_NAMESPACE" | grep -qw "$name"; then
    temporal operator search-attribute create -n "$TEMPORAL_NAMESPACE" --name "$name" --type "${pair#*=}"
  fi
done
echo "namespace $TEMPORAL_NAMESPACE and search attributes ready"
