//! Second factors in the graph (#20): the step after the password, setting up an authenticator
//! app or a passkey, recovery codes, and the co-ordinator's reset. A session waiting after the
//! password may call only the operations in `WAITING_MAY_ASK`.

use async_graphql::{Context, Enum, ID, InputObject, Object, Result, SimpleObject};
use axum::http::header::SET_COOKIE;
use chrono::{DateTime, Utc};

use super::factors::{self, Added, Request};
use super::graphql::{SignInStep, User};
use super::passkeys;
use super::service;
use super::sessions::Stage;
use crate::access::Actor;
use crate::entities::second_factor;
use crate::graphql::context::{actor, request, server};
use crate::graphql::ids::{parse, to_id};

/// What a session that has given only the password may ask for.
pub const WAITING_MAY_ASK: &[&str] = &[
    "signInStep",
    "startTotpEnrolment",
    "confirmTotpEnrolment",
    "verifyOneTimeCode",
    "useRecoveryCode",
    "beginPasskeyRegistration",
    "finishPasskeyRegistration",
    "beginPasskeySignIn",
    "finishPasskeySignIn",
    "login",
    "logout",
];

fn step_of(a: &Actor) -> SignInStep {
    match a.pending_step() {
        None => SignInStep::Done,
        Some(p) => Stage::Waiting(p).into(),
    }
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum SecondFactorKind {
    /// A six-digit code from an authenticator app.
    Totp,
    Passkey,
    /// One of the single-use codes written down when the first factor was set up.
    RecoveryCode,
}

fn kind_of(s: &str) -> SecondFactorKind {
    match s {
        factors::PASSKEY => SecondFactorKind::Passkey,
        factors::TOTP => SecondFactorKind::Totp,
        _ => SecondFactorKind::RecoveryCode,
    }
}

/// The signed-in session's step, and what it can give next.
#[derive(SimpleObject)]
pub struct SignInState {
    pub step: SignInStep,
    /// The kinds of second factor the user can give (while the step is SECOND_FACTOR).
    pub methods: Vec<SecondFactorKind>,
    /// Whether this server can use passkeys (it needs a public address with a name).
    pub passkeys_available: bool,
}

#[derive(SimpleObject)]
pub struct SecondFactor {
    pub id: ID,
    pub kind: SecondFactorKind,
    pub label: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
}

impl From<second_factor::Model> for SecondFactor {
    fn from(f: second_factor::Model) -> Self {
        Self {
            id: to_id(f.id),
            kind: kind_of(&f.kind),
            label: f.label,
            created_at: f.created_at,
            last_used_at: f.last_used_at,
        }
    }
}

#[derive(SimpleObject)]
pub struct MySecondFactors {
    pub factors: Vec<SecondFactor>,
    pub recovery_codes_left: u64,
    /// Whether the user's role needs a second factor (the last one cannot be removed).
    pub required: bool,
}

impl From<factors::MyFactors> for MySecondFactors {
    fn from(m: factors::MyFactors) -> Self {
        Self {
            factors: m.factors.into_iter().map(Into::into).collect(),
            recovery_codes_left: m.recovery_codes_left,
            required: m.required,
        }
    }
}

#[derive(InputObject)]
pub struct StartTotpEnrolmentInput {
    /// A name to tell it apart, e.g. "My phone"; "Authenticator app" if left out.
    pub label: Option<String>,
}

/// An authenticator app being set up: scan the QR code, or type the secret in.
#[derive(SimpleObject)]
pub struct TotpEnrolment {
    pub factor_id: ID,
    /// The shared secret in base32, to type into the app when the QR code cannot be scanned.
    pub secret: String,
    /// The `otpauth://` address the QR code holds (a link on the phone itself).
    pub otpauth_uri: String,
    /// The QR code as a PNG image, base64 (for a `data:image/png;base64,` address).
    pub qr_code_png: String,
}

#[derive(InputObject)]
pub struct ConfirmTotpEnrolmentInput {
    pub factor_id: ID,
    /// The code the app shows now.
    pub code: String,
}

/// A second factor set up.
#[derive(SimpleObject)]
pub struct SecondFactorAdded {
    pub factor: SecondFactor,
    /// With the first factor only: single-use codes to write down, shown this once.
    pub recovery_codes: Vec<String>,
    /// DONE: a session waiting to enrol is now signed in.
    pub next_step: SignInStep,
}

#[derive(InputObject)]
pub struct VerifyOneTimeCodeInput {
    pub code: String,
}

#[derive(InputObject)]
pub struct UseRecoveryCodeInput {
    pub code: String,
}

#[derive(SimpleObject)]
pub struct SignInCompleted {
    pub user: User,
    pub next_step: SignInStep,
    /// After a recovery code: how many are left.
    pub recovery_codes_left: Option<u64>,
}

#[derive(SimpleObject)]
pub struct RecoveryCodesPayload {
    pub recovery_codes: Vec<String>,
}

#[derive(InputObject)]
pub struct RemoveSecondFactorInput {
    pub factor_id: ID,
}

#[derive(InputObject)]
pub struct ResetSecondFactorsInput {
    pub user_id: ID,
    /// Recorded in the audit log.
    pub reason: String,
}

#[derive(SimpleObject)]
pub struct ResetSecondFactorsPayload {
    pub user_id: ID,
}

#[derive(InputObject)]
pub struct BeginPasskeyRegistrationInput {
    /// A name to tell it apart, e.g. "This phone"; "Passkey" if left out.
    pub label: Option<String>,
}

/// A WebAuthn ceremony: pass `options` (JSON) to the browser, send its answer back with the id.
#[derive(SimpleObject)]
pub struct PasskeyChallenge {
    pub ceremony_id: ID,
    /// For `PublicKeyCredential.parseCreationOptionsFromJSON` or
    /// `parseRequestOptionsFromJSON`.
    pub options: String,
}

#[derive(InputObject)]
pub struct FinishPasskeyInput {
    pub ceremony_id: ID,
    /// The browser's credential, as `credential.toJSON()` gives it.
    pub credential: String,
}

fn the_request<'a>(ctx: &Context<'a>, device: &'a str) -> Request<'a> {
    let s = server(ctx);
    Request {
        now: s.clock.now(),
        policy: &s.sessions,
        limits: &s.login_limits,
        device,
    }
}

fn device(ctx: &Context<'_>) -> String {
    super::signed_in::device_of(request(ctx).user_agent.as_deref())
}

/// A new full session's cookie, and who is now signed in.
async fn signed_in_as(
    ctx: &Context<'_>,
    token: &str,
    user_id: uuid::Uuid,
    recovery_codes_left: Option<u64>,
) -> Result<SignInCompleted> {
    let s = server(ctx);
    ctx.append_http_header(SET_COOKIE, s.sessions.set_cookie(token));
    Ok(SignInCompleted {
        user: User::own(service::user_view(&s.db, user_id).await?),
        next_step: SignInStep::Done,
        recovery_codes_left,
    })
}

fn added(ctx: &Context<'_>, a: Added) -> SecondFactorAdded {
    if let Some(token) = &a.token {
        ctx.append_http_header(SET_COOKIE, server(ctx).sessions.set_cookie(token));
    }
    SecondFactorAdded {
        factor: a.factor.into(),
        recovery_codes: a.recovery_codes,
        next_step: SignInStep::Done,
    }
}

#[derive(Default)]
pub struct FactorsQuery;

#[Object]
impl FactorsQuery {
    /// Where this session's sign-in has got to (signed in, or waiting for a second factor).
    async fn sign_in_step(&self, ctx: &Context<'_>) -> Result<SignInState> {
        let a = actor(ctx)?;
        let methods = factors::methods(&server(ctx).db, a)
            .await?
            .into_iter()
            .map(kind_of)
            .collect();
        Ok(SignInState {
            step: step_of(a),
            methods,
            passkeys_available: server(ctx).passkeys.is_some(),
        })
    }

    /// The signed-in user's second factors.
    async fn my_second_factors(&self, ctx: &Context<'_>) -> Result<MySecondFactors> {
        let s = server(ctx);
        Ok(factors::my_factors(&s.db, &s.sessions, actor(ctx)?)
            .await?
            .into())
    }
}

#[derive(Default)]
pub struct FactorsMutation;

#[Object]
impl FactorsMutation {
    /// Starts setting up an authenticator app; confirm it with the first code it shows.
    async fn start_totp_enrolment(
        &self,
        ctx: &Context<'_>,
        input: StartTotpEnrolmentInput,
    ) -> Result<TotpEnrolment> {
        let s = server(ctx);
        let e =
            factors::start_totp(&s.db, s.clock.now(), actor(ctx)?, input.label.as_deref()).await?;
        Ok(TotpEnrolment {
            factor_id: to_id(e.factor_id),
            secret: e.secret,
            otpauth_uri: e.uri,
            qr_code_png: e.qr_png_base64,
        })
    }

    /// Confirms an authenticator app with a code from it.
    async fn confirm_totp_enrolment(
        &self,
        ctx: &Context<'_>,
        input: ConfirmTotpEnrolmentInput,
    ) -> Result<SecondFactorAdded> {
        let id = parse("factorId", &input.factor_id)?;
        let dev = device(ctx);
        let a = factors::confirm_totp(
            &server(ctx).db,
            the_request(ctx, &dev),
            actor(ctx)?,
            id,
            &input.code,
        )
        .await?;
        Ok(added(ctx, a))
    }

    /// Finishes signing in with a code from the authenticator app.
    async fn verify_one_time_code(
        &self,
        ctx: &Context<'_>,
        input: VerifyOneTimeCodeInput,
    ) -> Result<SignInCompleted> {
        let a = actor(ctx)?;
        let dev = device(ctx);
        let token =
            factors::verify_code(&server(ctx).db, the_request(ctx, &dev), a, &input.code).await?;
        signed_in_as(ctx, &token, a.user_id, None).await
    }

    /// Finishes signing in with a recovery code (each works once).
    async fn use_recovery_code(
        &self,
        ctx: &Context<'_>,
        input: UseRecoveryCodeInput,
    ) -> Result<SignInCompleted> {
        let a = actor(ctx)?;
        let dev = device(ctx);
        let (token, left) =
            factors::use_recovery_code(&server(ctx).db, the_request(ctx, &dev), a, &input.code)
                .await?;
        signed_in_as(ctx, &token, a.user_id, Some(left)).await
    }

    /// New recovery codes in place of the old ones, shown this once.
    async fn regenerate_recovery_codes(&self, ctx: &Context<'_>) -> Result<RecoveryCodesPayload> {
        let s = server(ctx);
        Ok(RecoveryCodesPayload {
            recovery_codes: factors::regenerate_recovery_codes(&s.db, s.clock.now(), actor(ctx)?)
                .await?,
        })
    }

    /// Removes one of the user's own second factors.
    async fn remove_second_factor(
        &self,
        ctx: &Context<'_>,
        input: RemoveSecondFactorInput,
    ) -> Result<MySecondFactors> {
        let s = server(ctx);
        let a = actor(ctx)?;
        let id = parse("factorId", &input.factor_id)?;
        factors::remove_factor(&s.db, s.clock.now(), &s.sessions, a, id).await?;
        Ok(factors::my_factors(&s.db, &s.sessions, a).await?.into())
    }

    /// The co-ordinator removes a user's second factors and recovery codes (a lost phone).
    async fn reset_second_factors(
        &self,
        ctx: &Context<'_>,
        input: ResetSecondFactorsInput,
    ) -> Result<ResetSecondFactorsPayload> {
        let s = server(ctx);
        let id = parse("userId", &input.user_id)?;
        factors::reset_factors(&s.db, s.clock.now(), actor(ctx)?, id, &input.reason).await?;
        Ok(ResetSecondFactorsPayload { user_id: to_id(id) })
    }

    /// Starts setting up a passkey on this device.
    async fn begin_passkey_registration(
        &self,
        ctx: &Context<'_>,
        input: BeginPasskeyRegistrationInput,
    ) -> Result<PasskeyChallenge> {
        let s = server(ctx);
        let c = passkeys::begin_registration(
            &s.db,
            s.clock.now(),
            s.passkeys.as_ref(),
            actor(ctx)?,
            input.label.as_deref(),
        )
        .await?;
        Ok(PasskeyChallenge {
            ceremony_id: to_id(c.ceremony_id),
            options: c.options,
        })
    }

    /// Finishes setting up a passkey with the browser's answer.
    async fn finish_passkey_registration(
        &self,
        ctx: &Context<'_>,
        input: FinishPasskeyInput,
    ) -> Result<SecondFactorAdded> {
        let s = server(ctx);
        let id = parse("ceremonyId", &input.ceremony_id)?;
        let dev = device(ctx);
        let a = passkeys::finish_registration(
            &s.db,
            the_request(ctx, &dev),
            s.passkeys.as_ref(),
            actor(ctx)?,
            id,
            &input.credential,
        )
        .await?;
        Ok(added(ctx, a))
    }

    /// Starts a passkey sign-in: after the password, or instead of it (no session yet).
    async fn begin_passkey_sign_in(&self, ctx: &Context<'_>) -> Result<PasskeyChallenge> {
        let s = server(ctx);
        let c = passkeys::begin_sign_in(
            &s.db,
            s.clock.now(),
            s.passkeys.as_ref(),
            request(ctx).actor.as_ref(),
        )
        .await?;
        Ok(PasskeyChallenge {
            ceremony_id: to_id(c.ceremony_id),
            options: c.options,
        })
    }

    /// Finishes a passkey sign-in with the browser's answer.
    async fn finish_passkey_sign_in(
        &self,
        ctx: &Context<'_>,
        input: FinishPasskeyInput,
    ) -> Result<SignInCompleted> {
        let s = server(ctx);
        let id = parse("ceremonyId", &input.ceremony_id)?;
        let dev = device(ctx);
        let done = passkeys::finish_sign_in(
            &s.db,
            the_request(ctx, &dev),
            s.passkeys.as_ref(),
            request(ctx).actor.as_ref(),
            id,
            &input.credential,
        )
        .await?;
        signed_in_as(ctx, &done.token, done.user_id, None).await
    }
}
