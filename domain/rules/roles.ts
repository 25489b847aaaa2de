// How each role is named to people (SPEC §8): in timelines, notices, documents and the UI.
import { label, labelsOf, type Lang } from '../labels';
import type { Role } from '../model/schema';

export const ROLE_LABELS: Record<Role, string> = labelsOf('role');

export function roleLabel(role: Role, lang?: Lang): string {
  return label('role', role, lang);
}
