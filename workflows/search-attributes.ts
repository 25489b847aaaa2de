// SPEC §5 search attributes as typed keys, shared by the workflow (upserts) and the API (list
// queries, and setting them at start so a new incident is listed at once). No personal data.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const SA = {
  severity: defineSearchAttributeKey('IncidentSeverity', SearchAttributeType.KEYWORD),
  stage: defineSearchAttributeKey('IncidentStage', SearchAttributeType.KEYWORD),
  category: defineSearchAttributeKey('IncidentCategory', SearchAttributeType.KEYWORD),
  department: defineSearchAttributeKey('IncidentDepartment', SearchAttributeType.KEYWORD),
  breached: defineSearchAttributeKey('IncidentDeadlineBreached', SearchAttributeType.BOOL),
  discoveredAt: defineSearchAttributeKey('IncidentDiscoveredAt', SearchAttributeType.DATETIME),
};
