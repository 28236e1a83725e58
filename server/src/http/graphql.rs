//! `POST /graphql`: JSON only — any other content type is refused, which together with the
//! SameSite=Strict cookie closes cross-site request forgery (a form cannot send JSON).
//! `GET /graphql`: GraphiQL, unless introspection is off (production).

use std::net::{IpAddr, SocketAddr};

use async_graphql::http::GraphiQLSource;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use serde_json::json;

use crate::areas::accounts::api_tokens;
use crate::areas::accounts::sessions::{self, COOKIE};
use crate::graphql::RequestCtx;
use crate::graphql::errors::REQUEST_ERROR_CODE;
use crate::state::AppState;

fn request_error(status: StatusCode, message: &str) -> Response {
    coded_error(status, REQUEST_ERROR_CODE, message)
}

fn coded_error(status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        axum::Json(json!({
            "errors": [{ "message": message, "extensions": { "code": code } }]
        })),
    )
        .into_response()
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"))
}

/// A cookie's value from the request, if it has a non-empty one.
pub(crate) fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_string())
        .filter(|v| !v.is_empty())
}

pub(crate) fn session_token(headers: &HeaderMap) -> Option<String> {
    cookie_value(headers, COOKIE)
}

/// A partner system's API token (no cookie): its own account, its scopes only, every use
/// audited as the token before it runs. The refusal is the response to send.
async fn token_actor(
    state: &AppState,
    secret: &str,
    doc: Option<&async_graphql::parser::types::ExecutableDocument>,
    operation: Option<&str>,
) -> Result<crate::access::Actor, Response> {
    let ctx = &state.ctx;
    let unavailable = || {
        request_error(
            StatusCode::SERVICE_UNAVAILABLE,
            "The service is not available right now. Try again in a moment.",
        )
    };
    let (a, t) = match api_tokens::resolve(&ctx.db, ctx.clock.now(), secret).await {
        Ok(Some(found)) => found,
        Ok(None) => {
            return Err(coded_error(
                StatusCode::UNAUTHORIZED,
                "UNAUTHENTICATED",
                "That API token is unknown, expired or revoked.",
            ));
        }
        Err(e) => {
            tracing::error!(error = ?e, "API token lookup failed");
            return Err(unavailable());
        }
    };
    let scopes = api_tokens::scopes_of(&t);
    let allowed: Vec<&str> = scopes.iter().map(|s| s.field()).collect();
    let outside = doc
        .map(|d| crate::graphql::scopes::outside(d, operation, &allowed))
        .unwrap_or_default();
    let entry = crate::access::audit::Entry::new("api_request", "api_token", t.id)
        .detail(json!({ "refused": outside, "scopes": t.scopes }));
    if let Err(e) =
        crate::access::audit::record(&ctx.db, ctx.clock.now(), Some(a.user_id), entry).await
    {
        tracing::error!(error = ?e, "the audit of an API token's use failed");
        return Err(unavailable());
    }
    if !outside.is_empty() {
        return Err(coded_error(
            StatusCode::FORBIDDEN,
            "FORBIDDEN",
            &format!(
                "This API token may call only {}, not {}.",
                allowed.join(", "),
                outside.join(", ")
            ),
        ));
    }
    Ok(a)
}

/// `Authorization: Bearer …`, for partner systems' API tokens.
fn bearer_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty() && v.len() <= 200)
}

fn client_address(state: &AppState, peer: SocketAddr, headers: &HeaderMap) -> IpAddr {
    if state.ctx.config.trust_proxy
        && let Some(ip) = headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .and_then(|v| v.trim().parse().ok())
    {
        return ip;
    }
    peer.ip()
}

fn has_nul(v: &serde_json::Value) -> bool {
    match v {
        // Also the escaped form inside a document's string literal, which GraphQL would decode.
        serde_json::Value::String(s) => s.contains('\0') || s.contains("\\u0000"),
        serde_json::Value::Array(a) => a.iter().any(has_nul),
        serde_json::Value::Object(o) => o.iter().any(|(k, v)| k.contains('\0') || has_nul(v)),
        _ => false,
    }
}

pub async fn execute(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if !is_json(&headers) {
        return request_error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Send GraphQL requests as JSON with Content-Type: application/json.",
        );
    }
    // An object with a "query" string, nothing else: serde would also accept `[]` for a struct.
    let value = serde_json::from_slice::<serde_json::Value>(&body)
        .ok()
        .filter(|v| v.get("query").is_some_and(serde_json::Value::is_string));
    // No text anywhere may hold NUL: PostgreSQL cannot store it, and no person types it.
    if value.as_ref().is_some_and(has_nul) {
        return request_error(
            StatusCode::BAD_REQUEST,
            "Text cannot contain the NUL character (\\u0000).",
        );
    }
    let request = value.and_then(|v| serde_json::from_value::<async_graphql::Request>(v).ok());
    let mut request = match request {
        Some(r) => r,
        None => {
            return request_error(
                StatusCode::BAD_REQUEST,
                "The request body is not a GraphQL request: send a JSON object with a \"query\" string and optional \"variables\" object.",
            );
        }
    };

    // What the document would cost, counted before anything runs (fragments expanded, aliases
    // each counted); a document that cannot be parsed is left to the schema to explain. The
    // request keeps the parsed document, so the schema does not parse it again.
    let parsed = request.parsed_query().ok().cloned();
    let cost = match &parsed {
        Some(doc) => match crate::graphql::cost::check(doc, request.operation_name.as_deref()) {
            Ok(c) => c,
            Err(message) => return request_error(StatusCode::BAD_REQUEST, &message),
        },
        None => crate::graphql::cost::Cost::default(),
    };

    let changes = parsed
        .as_ref()
        .is_some_and(|d| is_mutation(d, request.operation_name.as_deref()));
    let ctx = &state.ctx;
    let token = session_token(&headers);
    let signed_in = match &token {
        Some(t) => match sessions::resolve_remembered(
            &ctx.db,
            ctx.clock.now(),
            &ctx.sessions,
            &ctx.session_memory,
            t,
        )
        .await
        {
            Ok(a) => a,
            Err(e) => {
                tracing::error!(error = ?e, "session lookup failed");
                return request_error(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "The service is not available right now. Try again in a moment.",
                );
            }
        },
        None => None,
    };
    let (actor, me) = match signed_in {
        Some(s) => (Some(s.actor), s.user),
        None => (None, None),
    };
    let stale_cookie = token.is_some() && actor.is_none();
    let actor = match (
        actor,
        token.is_none().then(|| bearer_token(&headers)).flatten(),
    ) {
        (None, Some(secret)) => {
            match token_actor(
                &state,
                &secret,
                parsed.as_ref(),
                request.operation_name.as_deref(),
            )
            .await
            {
                Ok(a) => Some(a),
                Err(refusal) => return refusal,
            }
        }
        (a, _) => a,
    };
    // After the password only, a session may ask for nothing but the second-factor steps.
    if let Some(a) = &actor
        && a.pending_step().is_some()
    {
        let allowed = crate::areas::accounts::factors_graphql::WAITING_MAY_ASK;
        let outside = parsed
            .as_ref()
            .map(|d| crate::graphql::scopes::outside(d, request.operation_name.as_deref(), allowed))
            .unwrap_or_else(|| vec!["(a document that cannot be read)".into()]);
        if !outside.is_empty() {
            return coded_error(
                StatusCode::FORBIDDEN,
                "SECOND_FACTOR_REQUIRED",
                "Finish signing in first: give your second factor, or set one up.",
            );
        }
    }
    let who = match &actor {
        Some(a) => a.user_id.to_string(),
        None => client_address(&state, peer, &headers).to_string(),
    };
    if !state.expensive.take(
        &who,
        u32::try_from(cost.expensive).unwrap_or(u32::MAX),
        std::time::Instant::now(),
    ) {
        return coded_error(
            StatusCode::TOO_MANY_REQUESTS,
            "TOO_MANY_REQUESTS",
            "You have asked for many reports, suggestions or exports in the last minute. Wait a minute and try again.",
        );
    }
    let reads = actor.as_ref().map(|a| a.reads().clone());
    let request = request
        .data(RequestCtx {
            actor,
            client: client_address(&state, peer, &headers),
            user_agent: headers
                .get(axum::http::header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .map(|s| s.chars().take(400).collect()),
            me,
        })
        .data(crate::graphql::loaders::Loaders::new(ctx.db.clone()));

    // A deadline for the whole request: when it passes, the work stops (dropping the future
    // drops its database queries; PostgreSQL also has the same statement_timeout).
    let deadline = std::time::Duration::from_secs(ctx.config.request_timeout_seconds.max(1));
    let outcome = tokio::time::timeout(deadline, state.schema.execute(request)).await;
    if changes {
        // A change may have ended a session, taken a role or suspended an account: sessions are
        // looked up afresh from the next request on.
        ctx.session_memory.forget_all();
    }
    let Ok(mut response) = outcome else {
        tracing::warn!(
            seconds = deadline.as_secs(),
            "request stopped at its deadline"
        );
        return coded_error(
            StatusCode::SERVICE_UNAVAILABLE,
            "TIMEOUT",
            "That took too long and was stopped. Try again, or ask for less at once.",
        );
    };
    // Whatever personal data the answer carries was noted as read: it leaves only once those
    // audit rows are durable (group commit with concurrent requests).
    if let Some(reads) = reads
        && let Err(e) = state.audit.commit(&reads).await
    {
        tracing::error!(error = ?e, "the audit of this request's reads failed; answer withheld");
        return request_error(
            StatusCode::SERVICE_UNAVAILABLE,
            "The service is not available right now. Try again in a moment.",
        );
    }
    for err in &mut response.errors {
        let ext = err.extensions.get_or_insert_with(Default::default);
        if ext.get("code").is_none() {
            ext.set("code", REQUEST_ERROR_CODE);
        }
    }
    let http_headers = std::mem::take(&mut response.http_headers);
    let mut res = axum::Json(&response).into_response();
    let h = res.headers_mut();
    for (name, value) in http_headers.iter() {
        h.append(name, value.clone());
    }
    if stale_cookie
        && !h.contains_key(header::SET_COOKIE)
        && let Ok(v) = HeaderValue::from_str(&ctx.sessions.clear_cookie())
    {
        h.append(header::SET_COOKIE, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// Whether the operation to run is a mutation (an unknown name is left to the schema).
fn is_mutation(
    doc: &async_graphql::parser::types::ExecutableDocument,
    operation: Option<&str>,
) -> bool {
    use async_graphql::parser::types::{DocumentOperations, OperationType};
    let is = |t: OperationType| t == OperationType::Mutation;
    match (&doc.operations, operation) {
        (DocumentOperations::Single(op), _) => is(op.node.ty),
        (DocumentOperations::Multiple(ops), Some(name)) => ops
            .iter()
            .any(|(n, op)| n.as_str() == name && is(op.node.ty)),
        // Several operations and none named: the schema refuses it; forget to be safe.
        (DocumentOperations::Multiple(ops), None) => ops.values().any(|op| is(op.node.ty)),
    }
}

/// GraphiQL loads its scripts from a CDN and runs inline script, so it gets its own CSP.
pub async fn graphiql(State(state): State<AppState>) -> Response {
    if !state.ctx.config.introspection() {
        return request_error(
            StatusCode::METHOD_NOT_ALLOWED,
            "Use POST with a JSON body. GraphiQL is switched off here.",
        );
    }
    let csp = "default-src 'self'; script-src 'self' 'unsafe-inline' https://unpkg.com; \
               style-src 'self' 'unsafe-inline' https://unpkg.com; img-src 'self' data: https:; \
               font-src 'self' https://unpkg.com; connect-src 'self'; frame-ancestors 'none'";
    (
        [(header::CONTENT_SECURITY_POLICY, csp)],
        Html(GraphiQLSource::build().endpoint("/graphql").finish()),
    )
        .into_response()
}
