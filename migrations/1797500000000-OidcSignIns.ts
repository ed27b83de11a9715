import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OidcSignIns1797500000000 implements MigrationInterface {
  name = 'OidcSignIns1797500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE "oidc_sign_ins" ("state_hash" character(64) NOT NULL, "browser_hash" character(64) NOT NULL, "nonce" text NOT NULL, "code_verifier" text NOT NULL, "next_path" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_oidc_sign_ins" PRIMARY KEY ("state_hash"))`,
    );
    await runner.query(`CREATE INDEX "oidc_sign_ins_expires_idx" ON "oidc_sign_ins" ("expires_at")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "oidc_sign_ins"`);
  }
}
