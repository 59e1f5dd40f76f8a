import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '@tandem/contracts';
import type { MentorStatus } from '../access/access.policy';

@Entity({ name: 'user' })
export class UserEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** Unique case-insensitively (lower(email) index); stored as typed, compared lower-cased. */
  @Column('text')
  email!: string;

  @Column('text', { name: 'display_name' })
  displayName!: string;

  @Column('text', { array: true })
  roles!: Role[];

  @Column('uuid', { name: 'organization_id', nullable: true })
  organizationId!: string | null;

  @Column('text', { nullable: true })
  phone!: string | null;

  @Column('text', { name: 'password_hash', nullable: true })
  passwordHash!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A user row as the identity queries read it, with the mentor status the access rules need. */
export interface UserRecord {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  organizationId: string | null;
  phone: string | null;
  createdAt: Date;
  mentorStatus: MentorStatus | null;
  /** created_at with microseconds, for keyset cursors (a JS Date keeps only milliseconds). */
  cursorAt?: string;
}
