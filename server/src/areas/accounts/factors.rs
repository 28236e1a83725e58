//! Second factors (#20): a code from an authenticator app (TOTP, RFC 6238, by totp-rs), a
//! passkey (`passkeys`), and single-use recovery codes for a lost phone. The right password
//! alone starts a session that waits (`Stage::Waiting`) and may ask for nothing but these
//! operations; giving a factor ends it and starts a full session under a new token.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use totp_rs::{Builder, Secret, Totp};
use uuid::Uuid;

use super::model::Actor;
use super::secrets::{normalise_recovery_code, recovery_code, token_hash};
use super::sessions::{self, SessionPolicy, Stage, roles_of};
use super::throttle::{self, LoginLimits};
use crate::access::Pending;
use crate::access::audit::{self, Entry};
use crate::entities::{recovery_code, second_factor, user};
use crate::error::{AppError, AppResult};
use crate::kernel::required_text;
use crate::notify::{self, Email};

pub const TOTP: &str = "totp";
pub const PASSKEY: &str = "passkey";
const RECOVERY_CODES: usize = 10;
const ISSUER: &str = "RJ Hub";

fn totp_for(secret: &str, account: &str) -> AppResult<Totp> {
    let secret = Secret::try_from_base32(secret).map_err(AppError::internal)?;
    Builder::new()
        .with_secret(secret)
        .with_account_name(account)
        .with_issuer(Some(ISSUER))
        .build()
        .map_err(AppError::internal)
}

fn unix(now: DateTime<Utc>) -> u64 {
    u64::try_from(now.timestamp()).unwrap_or_default()
}

/// The six digits as typed (spaces and a hyphen forgiven).
fn six_digits(typed: &str) -> AppResult<String> {
    let d: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .take(12)
        .collect();
    if d.len() == 6 && d.chars().all(|c| c.is_ascii_digit()) {
        Ok(d)
    } else {
        Err(AppError::validation(
            "code",
            "Enter the 6-digit code your authenticator app shows now",
        ))
    }
}

/// A label the user gave, or the usual name for the kind.
pub fn label_of(typed: Option<&str>, usual: &str) -> AppResult<String> {
    match typed.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => required_text("label", t, 60, "a name for it"),
        None => Ok(usual.into()),
    }
}

/// The user's second factors in use (a TOTP set-up still waiting for its first code is not).
pub async fn factors_of(
    conn: &impl ConnectionTrait,
    user_id: Uuid,
) -> AppResult<Vec<second_factor::Model>> {
    Ok(second_factor::Entity::find()
        .filter(second_factor::Column::UserId.eq(user_id))
        .filter(second_factor::Column::ConfirmedAt.is_not_null())
        .order_by_asc(second_factor::Column::CreatedAt)
        .all(conn)
        .await?)
}

/// Whether one of the user's roles must sign in with a second factor.
pub async fn required_for(
    conn: &impl ConnectionTrait,
    policy: &SessionPolicy,
    user_id: Uuid,
) -> AppResult<bool> {
    Ok(roles_of(conn, user_id)
        .await?
        .iter()
        .any(|r| policy.second_factor_roles.contains(r)))
}

/// How far a session started with the right password is signed in: it waits for a factor the
/// user has, or for one to be set up when their role needs one.
pub async fn stage_after_password(
    conn: &impl ConnectionTrait,
    policy: &SessionPolicy,
    user_id: Uuid,
) -> AppResult<Stage> {
    if !factors_of(conn, user_id).await?.is_empty() {
        Ok(Stage::Waiting(Pending::SecondFactor))
    } else if required_for(conn, policy, user_id).await? {
        Ok(Stage::Waiting(Pending::Enrol))
    } else {
        Ok(Stage::Full)
    }
}

/// The waiting session ends and a full one starts under a new token, so that a token seen
/// before the second factor is worth nothing after it.
pub async fn complete(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    policy: &SessionPolicy,
    actor: &Actor,
    how: &str,
    device: &str,
) -> AppResult<String> {
    sessions::end(conn, actor.session_id).await?;
    let (token, id) =
        sessions::start(conn, now, policy, actor.user_id, device, Stage::Full).await?;
    audit::record(
        conn,
        now,
        Some(actor.user_id),
        Entry::new("second_factor", "session", id)
            .detail(serde_json::json!({ "kind": how, "after": actor.session_id.to_string() })),
    )
    .await?;
    Ok(token)
}

/// Giving a factor: only a session waiting for one.
pub fn waiting_for_factor(actor: &Actor) -> AppResult<()> {
    match actor.pending_step() {
        Some(Pending::SecondFactor) => Ok(()),
        Some(Pending::Enrol) => Err(AppError::Conflict(
            "Set up an authenticator app or a passkey first.".into(),
        )),
        None => Err(AppError::Conflict("You are already signed in.".into())),
    }
}

/// Setting up a factor: a signed-in user, or one whose role needs one and who has none yet. A
/// session waiting for a factor the user already has may not add another — a stolen password
/// would add the thief's.
pub fn may_enrol(actor: &Actor) -> AppResult<()> {
    match actor.pending_step() {
        None | Some(Pending::Enrol) => Ok(()),
        Some(Pending::SecondFactor) => Err(AppError::Forbidden),
    }
}

fn signed_in_fully(actor: &Actor) -> AppResult<()> {
    match actor.pending_step() {
        None => Ok(()),
        Some(_) => Err(AppError::Forbidden),
    }
}

/// One wrong code more is allowed, or the user is told to wait. The attempt counts until the
/// code turns out right (`throttle::clear`).
async fn reserve_attempt(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    limits: &LoginLimits,
    user_id: Uuid,
) -> AppResult<String> {
    let key = format!("2fa:{user_id}");
    if !throttle::reserve(db, now, &key, limits.per_account, limits.lockout).await? {
        return Err(AppError::TooManyRequests(format!(
            "Too many wrong codes. Wait {} minutes and try again, or ask the co-ordinator to reset your second factors.",
            limits.lockout.num_minutes()
        )));
    }
    Ok(key)
}

async fn tell(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    user_id: Uuid,
    subject: &str,
    what: &str,
) -> AppResult<()> {
    let Some(u) = user::Entity::find_by_id(user_id).one(conn).await? else {
        return Ok(());
    };
    notify::enqueue_email(
        conn,
        now,
        &u.email,
        &Email {
            subject: format!("RJ Hub: {subject}"),
            text: format!(
                "Hello {},\n\n{what}\n\nIf this was not you, tell the RJ co-ordinator straight away.\n\nRJ Hub\n",
                u.name
            ),
        },
    )
    .await?;
    Ok(())
}

/// A new set of recovery codes replaces any the user had; the codes are returned this once.
async fn replace_recovery_codes(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    user_id: Uuid,
) -> AppResult<Vec<String>> {
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .exec(conn)
        .await?;
    let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| recovery_code()).collect();
    recovery_code::Entity::insert_many(codes.iter().map(|c| recovery_code::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user_id),
        code_hash: Set(token_hash(&normalise_recovery_code(c))),
        created_at: Set(now),
        used_at: Set(None),
    }))
    .exec_without_returning(conn)
    .await?;
    Ok(codes)
}

pub async fn recovery_codes_left(conn: &impl ConnectionTrait, user_id: Uuid) -> AppResult<u64> {
    Ok(recovery_code::Entity::find()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .filter(recovery_code::Column::UsedAt.is_null())
        .count(conn)
        .await?)
}

/// A factor just set up.
pub struct Added {
    pub factor: second_factor::Model,
    /// The first factor comes with recovery codes, shown once; later ones with none.
    pub recovery_codes: Vec<String>,
    /// When the session was waiting for this: the token of the full session now started.
    pub token: Option<String>,
}

/// After `factor` is written (confirmed): recovery codes for a first factor, the audit, an
/// e-mail to the user, and the end of the wait when the session was waiting to enrol.
pub async fn added(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    policy: &SessionPolicy,
    actor: &Actor,
    factor: second_factor::Model,
    device: &str,
) -> AppResult<Added> {
    let others = factors_of(conn, actor.user_id)
        .await?
        .into_iter()
        .filter(|f| f.id != factor.id)
        .count();
    // Someone finished setting one up on another device meanwhile: this session now needs it.
    if actor.pending_step() == Some(Pending::Enrol) && others > 0 {
        return Err(AppError::Forbidden);
    }
    let recovery_codes = if others == 0 {
        replace_recovery_codes(conn, now, actor.user_id).await?
    } else {
        vec![]
    };
    audit::record_by(
        conn,
        now,
        actor,
        Entry::new("add_second_factor", "second_factor", factor.id)
            .detail(serde_json::json!({ "kind": factor.kind })),
    )
    .await?;
    tell(
        conn,
        now,
        actor.user_id,
        "a second factor was added",
        &format!(
            "A second factor ({}, \"{}\") was added to your RJ Hub account.",
            if factor.kind == PASSKEY {
                "a passkey"
            } else {
                "an authenticator app"
            },
            factor.label
        ),
    )
    .await?;
    let token = match actor.pending_step() {
        Some(_) => Some(
            complete(
                conn,
                now,
                policy,
                actor,
                &format!("enrol_{}", factor.kind),
                device,
            )
            .await?,
        ),
        None => None,
    };
    Ok(Added {
        factor,
        recovery_codes,
        token,
    })
}

/// An authenticator app being set up: the secret as a QR code and as text to type in.
pub struct TotpSetUp {
    pub factor_id: Uuid,
    pub secret: String,
    pub uri: String,
    pub qr_png_base64: String,
}

pub async fn start_totp(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    label: Option<&str>,
) -> AppResult<TotpSetUp> {
    may_enrol(actor)?;
    let label = label_of(label, "Authenticator app")?;
    let u = user::Entity::find_by_id(actor.user_id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let secret = Secret::generate().to_base32();
    let totp = totp_for(&secret, &u.email)?;
    let uri = totp.to_url().map_err(AppError::internal)?;
    let qr_png_base64 = qr_png_base64(&uri)?;
    let id = Uuid::now_v7();
    let txn = crate::db::begin_write(db).await?;
    // One set-up waits at a time: starting again replaces the last.
    second_factor::Entity::delete_many()
        .filter(second_factor::Column::UserId.eq(actor.user_id))
        .filter(second_factor::Column::Kind.eq(TOTP))
        .filter(second_factor::Column::ConfirmedAt.is_null())
        .exec(&txn)
        .await?;
    second_factor::ActiveModel {
        id: Set(id),
        user_id: Set(actor.user_id),
        kind: Set(TOTP.into()),
        label: Set(label),
        totp_secret: Set(Some(secret.clone())),
        last_step: Set(None),
        passkey: Set(None),
        credential_id: Set(None),
        created_at: Set(now),
        confirmed_at: Set(None),
        last_used_at: Set(None),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(TotpSetUp {
        factor_id: id,
        secret,
        uri,
        qr_png_base64,
    })
}

fn wrong_code() -> AppError {
    AppError::validation(
        "code",
        "That code is not right. Check the time on your phone is set automatically, and enter the code your app shows now.",
    )
}

pub struct Request<'a> {
    pub now: DateTime<Utc>,
    pub policy: &'a SessionPolicy,
    pub limits: &'a LoginLimits,
    pub device: &'a str,
}

/// The first code from the app proves it holds the secret: the set-up is confirmed.
pub async fn confirm_totp(
    db: &DatabaseConnection,
    r: Request<'_>,
    actor: &Actor,
    factor_id: Uuid,
    code: &str,
) -> AppResult<Added> {
    may_enrol(actor)?;
    let key = reserve_attempt(db, r.now, r.limits, actor.user_id).await?;
    let pending = second_factor::Entity::find_by_id(factor_id)
        .one(db)
        .await?
        .filter(|f| f.user_id == actor.user_id && f.kind == TOTP && f.confirmed_at.is_none())
        .ok_or(AppError::NotFound("That set-up"))?;
    let u = user::Entity::find_by_id(actor.user_id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let secret = pending.totp_secret.clone().unwrap_or_default();
    let step = totp_for(&secret, &u.email)?
        .check(&six_digits(code)?, unix(r.now))
        .ok_or_else(wrong_code)?;
    let txn = crate::db::begin_write(db).await?;
    // Of two confirmations at once, one wins.
    let done = second_factor::Entity::update_many()
        .col_expr(second_factor::Column::ConfirmedAt, Expr::value(r.now))
        .col_expr(
            second_factor::Column::LastStep,
            Expr::value(i64::try_from(step).unwrap_or(i64::MAX)),
        )
        .filter(second_factor::Column::Id.eq(factor_id))
        .filter(second_factor::Column::ConfirmedAt.is_null())
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(AppError::NotFound("That set-up"));
    }
    throttle::clear(&txn, &key).await?;
    let factor = second_factor::Entity::find_by_id(factor_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound("That set-up"))?;
    let out = added(&txn, r.now, r.policy, actor, factor, r.device).await?;
    txn.commit().await?;
    Ok(out)
}

/// Signing in with a code from the app. Each code is accepted once (the step is claimed by a
/// conditional update), and wrong ones count towards the same lock-out as passwords.
pub async fn verify_code(
    db: &DatabaseConnection,
    r: Request<'_>,
    actor: &Actor,
    code: &str,
) -> AppResult<String> {
    waiting_for_factor(actor)?;
    let key = reserve_attempt(db, r.now, r.limits, actor.user_id).await?;
    let code = six_digits(code)?;
    let u = user::Entity::find_by_id(actor.user_id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let txn = crate::db::begin_write(db).await?;
    let mut used_already = false;
    for f in factors_of(&txn, actor.user_id).await? {
        let Some(secret) = f.totp_secret.as_deref().filter(|_| f.kind == TOTP) else {
            continue;
        };
        let Some(step) = totp_for(secret, &u.email)?.check(&code, unix(r.now)) else {
            continue;
        };
        let step = i64::try_from(step).unwrap_or(i64::MAX);
        let claimed = second_factor::Entity::update_many()
            .col_expr(second_factor::Column::LastStep, Expr::value(step))
            .col_expr(second_factor::Column::LastUsedAt, Expr::value(r.now))
            .filter(second_factor::Column::Id.eq(f.id))
            .filter(
                Condition::any()
                    .add(second_factor::Column::LastStep.is_null())
                    .add(second_factor::Column::LastStep.lt(step)),
            )
            .exec(&txn)
            .await?;
        if claimed.rows_affected == 1 {
            throttle::clear(&txn, &key).await?;
            let token = complete(&txn, r.now, r.policy, actor, TOTP, r.device).await?;
            txn.commit().await?;
            return Ok(token);
        }
        used_already = true;
    }
    drop(txn);
    if used_already {
        return Err(AppError::validation(
            "code",
            "That code has been used already. Wait for your app to show a new one and enter that.",
        ));
    }
    Err(wrong_code())
}

/// Signing in with a recovery code: each works once, and the user is told how many are left.
pub async fn use_recovery_code(
    db: &DatabaseConnection,
    r: Request<'_>,
    actor: &Actor,
    code: &str,
) -> AppResult<(String, u64)> {
    waiting_for_factor(actor)?;
    let key = reserve_attempt(db, r.now, r.limits, actor.user_id).await?;
    let hash = token_hash(&normalise_recovery_code(code));
    let txn = crate::db::begin_write(db).await?;
    let used = recovery_code::Entity::update_many()
        .col_expr(recovery_code::Column::UsedAt, Expr::value(r.now))
        .filter(recovery_code::Column::UserId.eq(actor.user_id))
        .filter(recovery_code::Column::CodeHash.eq(hash))
        .filter(recovery_code::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if used.rows_affected != 1 {
        return Err(AppError::validation(
            "code",
            "That recovery code is not right, or it has been used already",
        ));
    }
    throttle::clear(&txn, &key).await?;
    let left = recovery_codes_left(&txn, actor.user_id).await?;
    tell(
        &txn,
        r.now,
        actor.user_id,
        "a recovery code was used",
        &format!(
            "A recovery code was used to sign in to your RJ Hub account. You have {left} left: if your phone is lost, set up your authenticator app again under Your account, Security, which also gives you new codes."
        ),
    )
    .await?;
    let token = complete(&txn, r.now, r.policy, actor, "recovery_code", r.device).await?;
    txn.commit().await?;
    Ok((token, left))
}

/// New recovery codes in place of the old ones (a signed-in user with a factor).
pub async fn regenerate_recovery_codes(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
) -> AppResult<Vec<String>> {
    signed_in_fully(actor)?;
    let txn = crate::db::begin_write(db).await?;
    if factors_of(&txn, actor.user_id).await?.is_empty() {
        return Err(AppError::Conflict(
            "Set up an authenticator app or a passkey first: recovery codes come with it.".into(),
        ));
    }
    let codes = replace_recovery_codes(&txn, now, actor.user_id).await?;
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("regenerate_recovery_codes", "user", actor.user_id),
    )
    .await?;
    txn.commit().await?;
    Ok(codes)
}

/// The user removes one of their factors; the last one only when no role of theirs needs one.
pub async fn remove_factor(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    policy: &SessionPolicy,
    actor: &Actor,
    factor_id: Uuid,
) -> AppResult<()> {
    signed_in_fully(actor)?;
    let txn = crate::db::begin_write(db).await?;
    let factors = factors_of(&txn, actor.user_id).await?;
    let Some(f) = factors.iter().find(|f| f.id == factor_id) else {
        return Err(AppError::NotFound("That second factor"));
    };
    let last = factors.len() == 1;
    if last && required_for(&txn, policy, actor.user_id).await? {
        return Err(AppError::Conflict(
            "Your role needs a second factor: add another one before you remove this one.".into(),
        ));
    }
    second_factor::Entity::delete_by_id(f.id).exec(&txn).await?;
    if last {
        recovery_code::Entity::delete_many()
            .filter(recovery_code::Column::UserId.eq(actor.user_id))
            .exec(&txn)
            .await?;
    }
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("remove_second_factor", "second_factor", f.id)
            .detail(serde_json::json!({ "kind": f.kind })),
    )
    .await?;
    tell(
        &txn,
        now,
        actor.user_id,
        "a second factor was removed",
        &format!(
            "The second factor \"{}\" was removed from your RJ Hub account.",
            f.label
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The co-ordinator clears a user's factors and recovery codes (a lost phone and no codes):
/// every session of theirs ends, and they set a factor up again at their next sign-in.
pub async fn reset_factors(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    user_id: Uuid,
    reason: &str,
) -> AppResult<()> {
    let reason = super::signed_in::on_anothers_account(
        actor,
        user_id,
        reason,
        (
            "why the second factors are reset",
            "Another co-ordinator must reset your own second factors",
        ),
    )?;
    let txn = crate::db::begin_write(db).await?;
    user::Entity::find_by_id(user_id)
        .one(&txn)
        .await?
        .filter(|u| u.erased_at.is_none())
        .ok_or(AppError::NotFound("The user"))?;
    let removed = second_factor::Entity::delete_many()
        .filter(second_factor::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?
        .rows_affected;
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    sessions::end_others(&txn, user_id, None).await?;
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("reset_second_factors", "user", user_id)
            .detail(serde_json::json!({ "reason": reason, "removed": removed })),
    )
    .await?;
    tell(
        &txn,
        now,
        user_id,
        "your second factors were reset",
        "The RJ co-ordinator has removed the authenticator apps, passkeys and recovery codes from your RJ Hub account, and you have been signed out everywhere. Sign in with your password and set up a second factor again.",
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The signed-in user's factors, recovery codes left, and whether their role needs one.
pub struct MyFactors {
    pub factors: Vec<second_factor::Model>,
    pub recovery_codes_left: u64,
    pub required: bool,
}

pub async fn my_factors(
    conn: &impl ConnectionTrait,
    policy: &SessionPolicy,
    actor: &Actor,
) -> AppResult<MyFactors> {
    signed_in_fully(actor)?;
    Ok(MyFactors {
        factors: factors_of(conn, actor.user_id).await?,
        recovery_codes_left: recovery_codes_left(conn, actor.user_id).await?,
        required: required_for(conn, policy, actor.user_id).await?,
    })
}

/// What a session waiting after the password may do next: which kinds of factor the user has.
pub async fn methods(conn: &impl ConnectionTrait, actor: &Actor) -> AppResult<Vec<&'static str>> {
    let mut out = Vec::new();
    if actor.pending_step() != Some(Pending::SecondFactor) {
        return Ok(out);
    }
    let factors = factors_of(conn, actor.user_id).await?;
    if factors.iter().any(|f| f.kind == TOTP) {
        out.push(TOTP);
    }
    if factors.iter().any(|f| f.kind == PASSKEY) {
        out.push(PASSKEY);
    }
    if recovery_codes_left(conn, actor.user_id).await? > 0 {
        out.push("recovery_code");
    }
    Ok(out)
}

/// The set-up address as a QR code for an authenticator app to scan: a black-on-white PNG,
/// 8 pixels a module with the standard four-module quiet zone, in base64.
fn qr_png_base64(uri: &str) -> AppResult<String> {
    use base64::Engine;
    const SCALE: usize = 8;
    const BORDER: usize = 4;
    let qr = qrcodegen::QrCode::encode_text(uri, qrcodegen::QrCodeEcc::Medium)
        .map_err(|e| AppError::internal(format!("QR code: {e:?}")))?;
    let modules = usize::try_from(qr.size()).map_err(AppError::internal)? + 2 * BORDER;
    let side = modules * SCALE;
    let mut pixels = vec![255u8; side * side];
    for (i, px) in pixels.iter_mut().enumerate() {
        let (x, y) = (i % side / SCALE, i / side / SCALE);
        let at = |v: usize| i32::try_from(v).unwrap_or(i32::MAX) - BORDER as i32;
        if qr.get_module(at(x), at(y)) {
            *px = 0;
        }
    }
    let mut out = Vec::new();
    let side32 = u32::try_from(side).map_err(AppError::internal)?;
    let mut encoder = png::Encoder::new(&mut out, side32, side32);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(AppError::internal)?;
    writer
        .write_image_data(&pixels)
        .map_err(AppError::internal)?;
    writer.finish().map_err(AppError::internal)?;
    Ok(base64::engine::general_purpose::STANDARD.encode(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_enrolment_qr_code_is_a_png_with_a_quiet_zone() -> Result<(), String> {
        use base64::Engine;
        let b64 = qr_png_base64("otpauth://totp/RJ%20Hub:a%40b.test?secret=JBSWY3DPEHPK3PXP")
            .map_err(|e| e.message())?;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .map_err(|e| e.to_string())?;
        let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
            .read_info()
            .map_err(|e| e.to_string())?;
        let mut buf = vec![0; reader.output_buffer_size().unwrap_or_default()];
        let info = reader.next_frame(&mut buf).map_err(|e| e.to_string())?;
        assert_eq!(info.width, info.height);
        assert_eq!(info.width % 8, 0);
        // The corner is quiet (white); the finder pattern starts four modules in (black).
        assert_eq!(buf[0], 255);
        let row = info.line_size;
        assert_eq!(buf[32 * row + 32], 0);
        Ok(())
    }

    #[test]
    fn codes_are_six_digits_typed_forgivingly() {
        assert_eq!(six_digits(" 123 456 ").ok().as_deref(), Some("123456"));
        assert_eq!(six_digits("123-456").ok().as_deref(), Some("123456"));
        assert!(six_digits("12345").is_err());
        assert!(six_digits("12345a").is_err());
        assert!(six_digits("١٢٣٤٥٦").is_err());
    }

    #[test]
    fn a_totp_code_is_accepted_in_its_window_only() -> AppResult<()> {
        let secret = Secret::generate().to_base32();
        let totp = totp_for(&secret, "someone@example.org")?;
        let t = 1_800_000_000;
        let code = totp.generate(t).to_string();
        assert!(totp.check(&code, t).is_some());
        assert!(totp.check(&code, t + 30).is_some());
        assert!(totp.check(&code, t + 120).is_none());
        Ok(())
    }
}
