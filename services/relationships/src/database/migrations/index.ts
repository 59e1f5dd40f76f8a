import { CreateRelationships1763800000000 } from './1763800000000-create-relationships';
import { EvidenceRules1765600000000 } from './1765600000000-evidence-rules';
import { CoachThread1767500000000 } from './1767500000000-coach-thread';

/** In order of their timestamps. Never edit one that has landed: add a new one. */
export const migrations = [CreateRelationships1763800000000, EvidenceRules1765600000000, CoachThread1767500000000];
