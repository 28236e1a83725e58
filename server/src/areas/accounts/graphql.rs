//! The accounts slice of the graph: thin resolvers that extract, call the service and map.

use async_graphql::{Context, Enum, ID, InputObject, Object, Result, SimpleObject};
use axum::http::header::SET_COOKIE;
use chrono::{DateTime, Utc};

use super::model::{self, Role as DomainRole};
use super::service::{self, FacilitatorProfileView, InvitationView, NewUser, UserView};
use super::sessions::Stage;
use crate::access::Pending;
use crate::graphql::context::{actor, request, server};

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "Role", remote = "model::Role")]
pub enum Role {
    Coordinator,
    Supervisor,
    Facilitator,
    Trainer,
    Referrer,
    Commissioner,
    /// Reads who saw whose record and why; answers subject access requests; sees no case.
    DataProtectionOfficer,
}

/// Where an account stands.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum AccountStatus {
    /// Invited; the invitation has not been accepted yet.
    Invited,
    Active,
    /// Suspended by the co-ordinator: cannot sign in.
    Suspended,
}

impl AccountStatus {
    pub fn of(stored: &str) -> Self {
        match stored {
            "active" => AccountStatus::Active,
            "invited" => AccountStatus::Invited,
            _ => AccountStatus::Suspended,
        }
    }
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "FacilitatorKind", remote = "model::FacilitatorKind")]
pub enum FacilitatorKind {
    Volunteer,
    SpecialConstable,
    PartnerPractitioner,
}

pub struct User {
    view: UserView,
    /// Decided when the object is made, from who is looking (policy::may_see_email); the
    /// account's status goes with it.
    show_email: bool,
}

impl User {
    /// The user looking at their own record.
    pub(crate) fn own(view: UserView) -> Self {
        Self {
            view,
            show_email: true,
        }
    }
}

#[Object]
impl User {
    async fn id(&self) -> ID {
        ID(self.view.id.to_string())
    }
    /// Visible to the user themselves and the co-ordinator.
    async fn email(&self) -> Result<&str> {
        if self.show_email {
            Ok(&self.view.email)
        } else {
            Err(crate::error::AppError::Forbidden.into())
        }
    }
    /// The mobile number text alerts go to (the user themselves only).
    async fn mobile(&self) -> Result<Option<&str>> {
        if self.show_email {
            Ok(self.view.mobile.as_deref())
        } else {
            Err(crate::error::AppError::Forbidden.into())
        }
    }
    /// They chose text alerts for new offers (the user themselves only).
    async fn text_alerts(&self) -> Result<bool> {
        if self.show_email {
            Ok(self.view.text_alerts)
        } else {
            Err(crate::error::AppError::Forbidden.into())
        }
    }
    async fn name(&self) -> &str {
        &self.view.name
    }
    /// Visible to the user themselves and the co-ordinator.
    async fn account_status(&self) -> Result<AccountStatus> {
        if !self.show_email {
            return Err(crate::error::AppError::Forbidden.into());
        }
        Ok(AccountStatus::of(&self.view.status))
    }
    async fn roles(&self) -> Vec<Role> {
        self.view.roles.iter().map(|r| (*r).into()).collect()
    }
    /// The partner agency a partner practitioner or referrer works for.
    async fn agency(&self) -> Option<&str> {
        self.view.agency.as_deref()
    }
    async fn facilitator_profile(&self) -> Option<FacilitatorProfile> {
        self.view.facilitator.clone().map(FacilitatorProfile)
    }
}

pub struct FacilitatorProfile(FacilitatorProfileView);

#[Object]
impl FacilitatorProfile {
    async fn kind(&self) -> FacilitatorKind {
        self.0.kind.into()
    }
    async fn agency(&self) -> Option<&str> {
        self.0.agency.as_deref()
    }
}

pub struct Invitation(InvitationView);

#[Object]
impl Invitation {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn email(&self) -> &str {
        &self.0.email
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn roles(&self) -> Vec<Role> {
        self.0.roles.iter().map(|r| (*r).into()).collect()
    }
    async fn expires_at(&self) -> DateTime<Utc> {
        self.0.expires_at
    }
}

/// Where a sign-in has got to.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum SignInStep {
    /// Signed in.
    Done,
    /// Give a second factor: a code from the app, a passkey or a recovery code.
    SecondFactor,
    /// Set up a second factor first: the role needs one.
    Enrol,
}

impl From<Stage> for SignInStep {
    fn from(s: Stage) -> Self {
        match s {
            Stage::Full => SignInStep::Done,
            Stage::Waiting(Pending::SecondFactor) => SignInStep::SecondFactor,
            Stage::Waiting(Pending::Enrol) => SignInStep::Enrol,
        }
    }
}

/// An organisation whose staff sign in with their own account (single sign-on).
#[derive(SimpleObject)]
pub struct SignInOrganisation {
    /// Sign in at `/auth/oidc/<id>/start?next=<path>`.
    pub id: String,
    pub name: String,
}

#[derive(InputObject)]
pub struct LoginInput {
    pub email: String,
    pub password: String,
}

#[derive(SimpleObject)]
pub struct LoginPayload {
    pub user: User,
    /// DONE, or the second factor still to give or set up.
    pub next_step: SignInStep,
}

#[derive(SimpleObject)]
pub struct LogoutPayload {
    pub ok: bool,
}

#[derive(InputObject)]
pub struct ChangePasswordInput {
    pub current_password: String,
    pub new_password: String,
}

#[derive(SimpleObject)]
pub struct ChangePasswordPayload {
    pub ok: bool,
}

#[derive(InputObject)]
pub struct InviteUserInput {
    pub email: String,
    pub name: String,
    pub roles: Vec<Role>,
    pub facilitator_kind: Option<FacilitatorKind>,
    pub agency: Option<String>,
}

#[derive(SimpleObject)]
pub struct InviteUserPayload {
    pub invitation: Invitation,
}

#[derive(InputObject)]
pub struct AcceptInvitationInput {
    pub token: String,
    pub password: String,
}

#[derive(SimpleObject)]
pub struct AcceptInvitationPayload {
    pub user: User,
    /// DONE, or ENROL when the role needs a second factor.
    pub next_step: SignInStep,
}

#[derive(InputObject)]
pub struct RegisterPushSubscriptionInput {
    /// From the browser's PushSubscription.
    pub endpoint: String,
    /// The browser's public key, as the Push API names it.
    #[graphql(name = "p256dh")]
    pub p256dh: String,
    pub auth: String,
}

#[derive(InputObject)]
pub struct RemovePushSubscriptionInput {
    pub endpoint: String,
}

#[derive(SimpleObject)]
pub struct PushSubscriptionPayload {
    pub ok: bool,
}

#[derive(Default)]
pub struct AccountsQuery;

#[Object]
impl AccountsQuery {
    /// The key browsers subscribe to web push with (applicationServerKey, base64url).
    async fn vapid_public_key(&self, ctx: &Context<'_>) -> String {
        server(ctx).pusher.public_key().to_string()
    }

    /// Organisations whose staff can sign in with their own account (anyone may ask).
    async fn sign_in_organisations(&self, ctx: &Context<'_>) -> Vec<SignInOrganisation> {
        server(ctx)
            .config
            .sso
            .iter()
            .map(|o| SignInOrganisation {
                id: o.id.clone(),
                name: o.name.clone(),
            })
            .collect()
    }

    /// The signed-in user, their roles and facilitator profile.
    async fn me(&self, ctx: &Context<'_>) -> Result<User> {
        let a = actor(ctx)?;
        // The session's lookup read this user a moment ago (see `session_memory`).
        if let Some(me) = &request(ctx).me
            && me.id == a.user_id
        {
            return Ok(User::own(me.as_ref().clone()));
        }
        Ok(User::own(
            service::user_view(&server(ctx).db, a.user_id).await?,
        ))
    }

    /// People with accounts, optionally only those with a role (co-ordinator).
    async fn users(
        &self,
        ctx: &Context<'_>,
        role: Option<Role>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<async_graphql::connection::Connection<String, User>> {
        let page = crate::kernel::Page::new(first, after.as_deref())?;
        let rows =
            service::list_users(&server(ctx).db, actor(ctx)?, role.map(Into::into), page).await?;
        // Only the co-ordinator gets here, and the co-ordinator may see addresses.
        Ok(crate::graphql::pagination::connection(
            page,
            rows.into_iter()
                .map(|view| User {
                    view,
                    show_email: true,
                })
                .collect(),
        ))
    }
}

#[derive(Default)]
pub struct AccountsMutation;

#[Object]
impl AccountsMutation {
    /// Notifications for this browser (offers, lapses, changes); nothing personal is ever sent.
    async fn register_push_subscription(
        &self,
        ctx: &Context<'_>,
        input: RegisterPushSubscriptionInput,
    ) -> Result<PushSubscriptionPayload> {
        let s = server(ctx);
        super::devices::register(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            &input.endpoint,
            &input.p256dh,
            &input.auth,
            s.config.push_allow_http,
        )
        .await?;
        Ok(PushSubscriptionPayload { ok: true })
    }

    async fn remove_push_subscription(
        &self,
        ctx: &Context<'_>,
        input: RemovePushSubscriptionInput,
    ) -> Result<PushSubscriptionPayload> {
        let s = server(ctx);
        super::devices::remove(&s.db, actor(ctx)?, &input.endpoint).await?;
        Ok(PushSubscriptionPayload { ok: true })
    }

    /// Starts a session (an HttpOnly cookie). One generic error for any wrong email/password.
    async fn login(&self, ctx: &Context<'_>, input: LoginInput) -> Result<LoginPayload> {
        let s = server(ctx);
        let signed_in = service::login(
            &s.db,
            s.clock.now(),
            &s.sessions,
            &s.login_limits,
            super::signin::SignInFrom {
                address: request(ctx).client,
                device: &super::signed_in::device_of(request(ctx).user_agent.as_deref()),
            },
            &input.email,
            &input.password,
        )
        .await?;
        ctx.append_http_header(SET_COOKIE, s.sessions.set_cookie(&signed_in.token));
        Ok(LoginPayload {
            user: User::own(signed_in.user),
            next_step: signed_in.stage.into(),
        })
    }

    /// Ends this session.
    async fn logout(&self, ctx: &Context<'_>) -> Result<LogoutPayload> {
        let s = server(ctx);
        let a = actor(ctx)?;
        service::logout(&s.db, s.clock.now(), a).await?;
        ctx.append_http_header(SET_COOKIE, s.sessions.clear_cookie());
        Ok(LogoutPayload { ok: true })
    }

    /// The signed-in user's text alerts: a UK mobile number, and on or off. A text names no
    /// case and no one: it says an offer is waiting and links to the app.
    async fn set_my_text_alerts(
        &self,
        ctx: &Context<'_>,
        mobile: Option<String>,
        enabled: bool,
    ) -> Result<User> {
        let s = server(ctx);
        Ok(User::own(
            service::set_text_alerts(
                &s.db,
                s.clock.now(),
                actor(ctx)?,
                mobile.as_deref(),
                enabled,
            )
            .await?,
        ))
    }

    /// Changes the signed-in user's password and ends their other sessions.
    async fn change_password(
        &self,
        ctx: &Context<'_>,
        input: ChangePasswordInput,
    ) -> Result<ChangePasswordPayload> {
        let s = server(ctx);
        let a = actor(ctx)?;
        service::change_password(
            &s.db,
            s.clock.now(),
            a,
            &input.current_password,
            &input.new_password,
        )
        .await?;
        Ok(ChangePasswordPayload { ok: true })
    }

    /// Co-ordinator only: e-mails a single-use link to set a password.
    async fn invite_user(
        &self,
        ctx: &Context<'_>,
        input: InviteUserInput,
    ) -> Result<InviteUserPayload> {
        let s = server(ctx);
        let a = actor(ctx)?;
        let public_url = s.config.public_url();
        let invitation = service::invite_user(
            &s.db,
            s.clock.now(),
            a,
            &service::InviteContext {
                public_url: &public_url,
                invitation_days: s.config.invitation_days,
            },
            NewUser {
                email: input.email,
                name: input.name,
                roles: input.roles.into_iter().map(DomainRole::from).collect(),
                facilitator_kind: input.facilitator_kind.map(Into::into),
                agency: input.agency,
            },
        )
        .await?;
        s.outbox_wake.notify_one();
        Ok(InviteUserPayload {
            invitation: Invitation(invitation),
        })
    }

    /// Sets the password from an invitation link, activates the account and signs in.
    async fn accept_invitation(
        &self,
        ctx: &Context<'_>,
        input: AcceptInvitationInput,
    ) -> Result<AcceptInvitationPayload> {
        let s = server(ctx);
        let signed_in = service::accept_invitation(
            &s.db,
            s.clock.now(),
            &s.sessions,
            &super::signed_in::device_of(request(ctx).user_agent.as_deref()),
            &input.token,
            &input.password,
        )
        .await?;
        ctx.append_http_header(SET_COOKIE, s.sessions.set_cookie(&signed_in.token));
        Ok(AcceptInvitationPayload {
            user: User::own(signed_in.user),
            next_step: signed_in.stage.into(),
        })
    }
}
