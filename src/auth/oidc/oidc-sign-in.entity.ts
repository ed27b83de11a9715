import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A single sign-on in flight, from the redirect to the provider until its callback. The row is
 * deleted when the callback uses it, so a state works once; the browser that started the sign-in
 * holds a cookie whose hash must match, so a stranger's callback link signs nobody in.
 */
@Entity('oidc_sign_ins')
@Index('oidc_sign_ins_expires_idx', ['expiresAt'])
export class OidcSignInEntity {
  /** SHA-256 of the `state` sent to the provider. */
  @PrimaryColumn({ name: 'state_hash', type: 'char', length: 64 })
  stateHash: string;

  /** SHA-256 of the value in the browser's sign-in cookie. */
  @Column({ name: 'browser_hash', type: 'char', length: 64 })
  browserHash: string;

  @Column({ type: 'text' })
  nonce: string;

  @Column({ name: 'code_verifier', type: 'text' })
  codeVerifier: string;

  /** The portal path to return to; always a path of this site. */
  @Column({ name: 'next_path', type: 'text' })
  nextPath: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
