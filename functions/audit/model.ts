// The audit log as the domain sees it: entries are appended, never changed, and read per object or per person.
import type { AuditEntry } from '../../schemas/audit.ts';

export interface AuditPageRequest {
  cursor?: string;
  limit: number;
}

export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  forObject(objectId: string, page: AuditPageRequest): Promise<{ items: AuditEntry[]; cursor?: string }>;
  /** Newest first. */
  byActor(sub: string, page: AuditPageRequest): Promise<{ items: AuditEntry[]; cursor?: string }>;
}
