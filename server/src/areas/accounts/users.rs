//! Users: creating them (the command line, the volunteer bank), invitations by e-mail and
//! accepting them, and the co-ordinator's list.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Europe::London;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, Set,
};
use uuid::Uuid;

use super::model::{
    Actor, FacilitatorKind, Role, UserStatus, normalise_email, validate_agency, validate_name,
    validate_password,
};
use super::secrets::{hash_password_blocking, new_token, token_hash};
use super::service::{InvitationView, UserView, user_view};
use super::sessions::{self, SessionPolicy};
use super::signin::SignedIn;
use crate::access::audit::{self, Entry};
use crate::access::rules::{Duty, require};
use crate::entities::{facilitator_profile, invitation, role_grant, user};
use crate::error::{AppError, AppResult};
use crate::notify::{self, Email};

pub struct NewUser {
    pub email: String,
    pub name: String,
    pub roles: Vec<Role>,
    pub facilitator_kind: Option<FacilitatorKind>,
    pub agency: Option<String>,
}

/// Checks a new user's details; returns them normalised.
fn validate_new_user(input: NewUser) -> AppResult<NewUser> {
    let email = normalise_email("email", &input.email)?;
    let name = validate_name("name", &input.name)?;
    let agency = validate_agency(input.agency.as_deref())?;
    let mut roles = input.roles;
    roles.sort();
    roles.dedup();
    if roles.is_empty() {
        return Err(AppError::validation("roles", "Choose at least one role"));
    }
    let is_facilitator = roles.contains(&Role::Facilitator);
    match (is_facilitator, input.facilitator_kind) {
        (true, None) => {
            return Err(AppError::validation(
                "facilitatorKind",
                "Choose what kind of facilitator they are",
            ));
        }
        (false, Some(_)) => {
            return Err(AppError::validation(
                "facilitatorKind",
                "Only facilitators have a facilitator kind",
            ));
        }
        (true, Some(FacilitatorKind::PartnerPractitioner)) if agency.is_none() => {
            return Err(AppError::validation(
                "agency",
                "Enter the partner agency they work for",
            ));
        }
        _ => {}
    }
    Ok(NewUser {
        email,
        name,
        roles,
        facilitator_kind: input.facilitator_kind,
        agency,
    })
}

/// Writes a user with roles and facilitator profile; the caller holds the transaction.
pub(super) async fn insert_user(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    by: Option<Uuid>,
    u: &NewUser,
    status: UserStatus,
    password_hash: Option<String>,
) -> AppResult<Uuid> {
    let id = Uuid::now_v7();
    user::ActiveModel {
        id: Set(id),
        email: Set(u.email.clone()),
        name: Set(u.name.clone()),
        password_hash: Set(password_hash.clone()),
        status: Set(status.as_str().into()),
        agency: Set(u.agency.clone()),
        password_changed_at: Set(password_hash.map(|_| now)),
        created_at: Set(now),
        updated_at: Set(now),
        erased_at: Set(None),
        practice_level: Set(None),
        mobile: Set(None),
        text_alerts: Set(false),
    }
    .insert(conn)
    .await?;
    replace_roles(conn, now, by, id, u).await?;
    Ok(id)
}

async fn replace_roles(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    by: Option<Uuid>,
    user_id: Uuid,
    u: &NewUser,
) -> AppResult<()> {
    role_grant::Entity::delete_many()
        .filter(role_grant::Column::UserId.eq(user_id))
        .exec(conn)
        .await?;
    for role in &u.roles {
        role_grant::ActiveModel {
            user_id: Set(user_id),
            role: Set(role.as_str().into()),
            granted_by: Set(by),
            created_at: Set(now),
        }
        .insert(conn)
        .await?;
    }
    facilitator_profile::Entity::delete_by_id(user_id)
        .exec(conn)
        .await?;
    if let Some(kind) = u.facilitator_kind {
        add_facilitator_profile(conn, now, user_id, kind, u.agency.clone()).await?;
    }
    Ok(())
}

/// A new facilitator's profile: taking three cases, not paused, nothing else known yet.
pub(super) async fn add_facilitator_profile(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    user_id: Uuid,
    kind: FacilitatorKind,
    agency: Option<String>,
) -> AppResult<()> {
    facilitator_profile::ActiveModel {
        user_id: Set(user_id),
        kind: Set(kind.as_str().into()),
        agency: Set(agency),
        languages: Set(None),
        cultural_knowledge: Set(None),
        community_knowledge: Set(None),
        home_area: Set(None),
        areas_served: Set(None),
        max_cases: Set(3),
        paused: Set(false),
        availability: Set(None),
        declared_conflicts: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// Creates an active user directly (the CLI's `create-user`, and demo data).
pub async fn create_user(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    input: NewUser,
    password: &str,
) -> AppResult<Uuid> {
    let u = validate_new_user(input)?;
    validate_password("password", password)?;
    let hash = hash_password_blocking(password.to_string()).await?;
    let txn = crate::db::begin_write(db).await?;
    if user::Entity::find()
        .filter(user::Column::Email.eq(&u.email))
        .one(&txn)
        .await?
        .is_some()
    {
        return Err(AppError::Conflict(
            "A user with this email address already exists".into(),
        ));
    }
    let id = insert_user(&txn, now, None, &u, UserStatus::Active, Some(hash)).await?;
    audit::record(
        &txn,
        now,
        None,
        Entry::new("create_user", "user", id).detail(serde_json::json!({
            "roles": u.roles.iter().map(|r| r.as_str()).collect::<Vec<_>>(),
            "via": "cli",
        })),
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

pub struct InviteContext<'a> {
    pub public_url: &'a str,
    pub invitation_days: i64,
}

/// The co-ordinator invites someone: the user is created as `invited` and an e-mail with a
/// single-use link is queued. Inviting a still-pending address again replaces the old link.
pub async fn invite_user(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    ctx: &InviteContext<'_>,
    input: NewUser,
) -> AppResult<InvitationView> {
    let txn = crate::db::begin_write(db).await?;
    let view = invite_in(&txn, now, actor, ctx, input).await?;
    txn.commit().await?;
    Ok(view)
}

/// The invitation inside the caller's transaction (activating a volunteer applicant uses it).
pub async fn invite_in(
    txn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor: &Actor,
    ctx: &InviteContext<'_>,
    input: NewUser,
) -> AppResult<InvitationView> {
    require(actor, Duty::ManageUsers)?;
    let u = validate_new_user(input)?;
    let existing = user::Entity::find()
        .filter(user::Column::Email.eq(&u.email))
        .one(txn)
        .await?;
    let user_id = match existing {
        Some(e) if e.status != UserStatus::Invited.as_str() => {
            return Err(AppError::Conflict(
                "Someone with this email address already has an account".into(),
            ));
        }
        Some(e) => {
            invitation::Entity::delete_many()
                .filter(invitation::Column::UserId.eq(e.id))
                .filter(invitation::Column::AcceptedAt.is_null())
                .exec(txn)
                .await?;
            let id = e.id;
            let mut active = e.into_active_model();
            active.name = Set(u.name.clone());
            active.agency = Set(u.agency.clone());
            active.updated_at = Set(now);
            active.update(txn).await?;
            replace_roles(txn, now, Some(actor.user_id), id, &u).await?;
            id
        }
        None => insert_user(txn, now, Some(actor.user_id), &u, UserStatus::Invited, None).await?,
    };
    let token = new_token();
    let id = Uuid::now_v7();
    let expires_at = now + Duration::days(ctx.invitation_days.max(1));
    invitation::ActiveModel {
        id: Set(id),
        token_hash: Set(token_hash(&token)),
        user_id: Set(user_id),
        invited_by: Set(Some(actor.user_id)),
        expires_at: Set(expires_at),
        accepted_at: Set(None),
        created_at: Set(now),
    }
    .insert(txn)
    .await?;
    let roles: Vec<&str> = u.roles.iter().map(|r| r.label()).collect();
    let link = format!("{}/accept-invitation?token={token}", ctx.public_url);
    let expires_local = expires_at
        .with_timezone(&London)
        .format("%-d %B %Y at %H:%M");
    notify::enqueue_email(
        txn,
        now,
        &u.email,
        &Email {
            subject: "You have been invited to RJ Hub".into(),
            text: format!(
                "Hello {name},\n\nYou have been invited to RJ Hub, the restorative justice service's \
                 case system, as {roles}.\n\nChoose your password here:\n{link}\n\nThis link works once \
                 and expires on {expires_local} (UK time). If you were not expecting this e-mail, you \
                 can ignore it.\n\nRJ Hub\n",
                name = u.name,
                roles = roles.join(" and "),
            ),
        },
    )
    .await?;
    audit::record_by(
        txn,
        now,
        actor,
        Entry::new("invite_user", "user", user_id).detail(serde_json::json!({
            "invitation": id.to_string(),
            "roles": u.roles.iter().map(|r| r.as_str()).collect::<Vec<_>>(),
        })),
    )
    .await?;
    Ok(InvitationView {
        id,
        email: u.email,
        name: u.name,
        roles: u.roles,
        expires_at,
    })
}

/// Sets the password from an invitation link, activates the user and signs them in.
pub async fn accept_invitation(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    policy: &SessionPolicy,
    device: &str,
    token: &str,
    password: &str,
) -> AppResult<SignedIn> {
    let unusable = || {
        AppError::validation(
            "token",
            "This invitation link has expired or has already been used. Ask the co-ordinator to invite you again.",
        )
    };
    let token = token.trim();
    if token.is_empty() || token.len() > 128 {
        return Err(unusable());
    }
    validate_password("password", password)?;
    let inv = invitation::Entity::find()
        .filter(invitation::Column::TokenHash.eq(token_hash(token)))
        .one(db)
        .await?
        .filter(|i| i.accepted_at.is_none() && i.expires_at > now)
        .ok_or_else(unusable)?;
    let hash = hash_password_blocking(password.to_string()).await?;
    let txn = crate::db::begin_write(db).await?;
    // Claim the invitation first: of two concurrent accepts only one updates the row.
    let claimed = invitation::Entity::update_many()
        .col_expr(
            invitation::Column::AcceptedAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .filter(invitation::Column::Id.eq(inv.id))
        .filter(invitation::Column::AcceptedAt.is_null())
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(unusable());
    }
    let u = user::Entity::find_by_id(inv.user_id)
        .one(&txn)
        .await?
        .filter(|u| u.status == UserStatus::Invited.as_str() && u.erased_at.is_none())
        .ok_or_else(unusable)?;
    let mut active = u.into_active_model();
    active.password_hash = Set(Some(hash));
    active.status = Set(UserStatus::Active.as_str().into());
    active.password_changed_at = Set(Some(now));
    active.updated_at = Set(now);
    let u = active.update(&txn).await?;
    let stage = super::factors::stage_after_password(&txn, policy, inv.user_id).await?;
    let (token, session_id) =
        sessions::start(&txn, now, policy, inv.user_id, device, stage).await?;
    super::signed_in::note_sign_in(&txn, now, &u, device).await?;
    audit::record(
        &txn,
        now,
        Some(inv.user_id),
        Entry::new("accept_invitation", "user", inv.user_id)
            .detail(serde_json::json!({ "invitation": inv.id.to_string(), "session": session_id.to_string() })),
    )
    .await?;
    let user = user_view(&txn, inv.user_id).await?;
    txn.commit().await?;
    Ok(SignedIn { user, token, stage })
}

/// Demo/CLI helper: does any user exist yet?
pub async fn any_users(conn: &impl ConnectionTrait) -> AppResult<bool> {
    use sea_orm::PaginatorTrait;
    Ok(user::Entity::find().count(conn).await? > 0)
}

/// People with accounts, optionally with one role (co-ordinator only: to allocate and invite).
pub async fn list_users(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    role: Option<Role>,
    page: crate::kernel::Page,
) -> AppResult<Vec<UserView>> {
    use sea_orm::{QueryOrder, QuerySelect};
    require(actor, Duty::ManageUsers)?;
    let mut q = user::Entity::find().filter(user::Column::ErasedAt.is_null());
    if let Some(role) = role {
        let ids: Vec<Uuid> = role_grant::Entity::find()
            .filter(role_grant::Column::Role.eq(role.as_str()))
            .all(conn)
            .await?
            .into_iter()
            .map(|g| g.user_id)
            .collect();
        q = q.filter(user::Column::Id.is_in(ids));
    }
    let rows = q
        .order_by_asc(user::Column::Name)
        .offset(page.offset)
        .limit(page.fetch())
        .all(conn)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for u in rows {
        out.push(user_view(conn, u.id).await?);
    }
    Ok(out)
}

pub async fn user_id_of_invitation(
    conn: &impl ConnectionTrait,
    invitation_id: Uuid,
) -> AppResult<Uuid> {
    Ok(invitation::Entity::find_by_id(invitation_id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound("The invitation"))?
        .user_id)
}
