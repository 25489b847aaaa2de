// How each role is named to people (SPEC §8): in timelines, notices, documents and the UI.
import type { Role } from '../model/schema';

export const ROLE_LABELS: Record<Role, string> = {
  monitor: '信息員',
  handler: '辦公室及責任部門',
  approver: '分管領導',
  superior: '上級主管部門',
  admin: '系統管理員',
  intake: '監測系統',
};

export function roleLabel(role: Role): string {
  return ROLE_LABELS[role];
}
