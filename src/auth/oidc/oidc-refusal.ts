/**
 * Why a single sign-on callback was refused. The browser is sent back to the sign-in page with
 * the code in `?error=`, and the page says it in words; the codes are stable.
 */
export type OidcRefusalCode =
  | 'oidc_state' // unknown, used, expired, or started in another browser
  | 'oidc_denied' // the provider answered with an error (the person cancelled, say)
  | 'oidc_unavailable'
  | 'oidc_token' // the code exchange or the ID token failed in another way
  | 'oidc_audience'
  | 'oidc_issuer'
  | 'oidc_expired'
  | 'oidc_nonce'
  | 'oidc_no_email'
  | 'oidc_no_role'
  | 'oidc_disabled'
  | 'oidc_vendor_account'
  | 'oidc_last_admin';

export class OidcRefusal extends Error {
  constructor(
    readonly code: OidcRefusalCode,
    reason: string,
  ) {
    super(reason);
  }
}

interface ValidationFailure {
  code?: string;
  cause?: { claim?: string; cause?: { claim?: string } };
  name?: string;
}

/** openid-client's validation failures, as refusals that name the check that failed. */
export function refusalOfTokenError(error: unknown): OidcRefusal {
  const failure = (error ?? {}) as ValidationFailure;
  const reason = error instanceof Error ? error.message : String(error);
  if (failure.name === 'AuthorizationResponseError') return new OidcRefusal('oidc_denied', reason);
  // openid-client wraps the failed check, which names the claim, in an error of its own.
  const claim = failure.cause?.claim ?? failure.cause?.cause?.claim;
  if (failure.code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED' && claim === 'exp') return new OidcRefusal('oidc_expired', reason);
  if (failure.code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED') {
    if (claim === 'aud' || claim === 'azp') return new OidcRefusal('oidc_audience', reason);
    if (claim === 'nonce') return new OidcRefusal('oidc_nonce', reason);
    if (claim === 'iss') return new OidcRefusal('oidc_issuer', reason);
  }
  return new OidcRefusal('oidc_token', reason);
}
