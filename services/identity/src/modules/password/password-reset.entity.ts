import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A password reset link sent by email (identity.password_reset_token). Only the token's sha256 is kept. */
@Entity({ name: 'password_reset_token' })
export class PasswordResetTokenEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'user_id' })
  userId!: string;

  /** sha256 (hex) of the token in the link; the token itself is only in the email. */
  @Column('text', { name: 'token_hash' })
  tokenHash!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt!: Date;

  /** When the link set a new password (a link works once). */
  @Column('timestamptz', { name: 'used_at', nullable: true })
  usedAt!: Date | null;

  /** When a newer request (or a reset with another link) made this link useless. */
  @Column('timestamptz', { name: 'superseded_at', nullable: true })
  supersededAt!: Date | null;
}

/** A usable reset link with the account it resets, as the reset reads it. */
export interface UsableReset {
  id: string;
  userId: string;
  email: string;
  displayName: string;
}
