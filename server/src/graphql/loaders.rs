//! Batched lookups for fields that name another record (who did something, which case a
//! complaint is about): a list of fifty rows asks the database once, not fifty times. A new set
//! of loaders serves each request, so nothing is cached from one request to the next.

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::Context;
use async_graphql::dataloader::{DataLoader, Loader};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::entities::{case, user};
use crate::error::AppError;

pub struct Loaders {
    user_names: DataLoader<UserNames>,
    case_references: DataLoader<CaseReferences>,
}

impl Loaders {
    pub fn new(db: DatabaseConnection) -> Self {
        Self {
            user_names: DataLoader::new(UserNames(db.clone()), tokio::spawn),
            case_references: DataLoader::new(CaseReferences(db), tokio::spawn),
        }
    }
}

pub struct UserNames(DatabaseConnection);
pub struct CaseReferences(DatabaseConnection);
impl Loader<Uuid> for UserNames {
    type Value = String;
    type Error = Arc<AppError>;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, String>, Self::Error> {
        Ok(user::Entity::find()
            .filter(user::Column::Id.is_in(keys.iter().copied()))
            .all(&self.0)
            .await
            .map_err(|e| Arc::new(AppError::from(e)))?
            .into_iter()
            .map(|u| (u.id, u.name))
            .collect())
    }
}

impl Loader<Uuid> for CaseReferences {
    type Value = String;
    type Error = Arc<AppError>;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, String>, Self::Error> {
        Ok(case::Entity::find()
            .filter(case::Column::Id.is_in(keys.iter().copied()))
            .all(&self.0)
            .await
            .map_err(|e| Arc::new(AppError::from(e)))?
            .into_iter()
            .map(|c| (c.id, c.reference))
            .collect())
    }
}

fn loaders<'a>(ctx: &Context<'a>) -> Result<&'a Loaders, AppError> {
    ctx.data::<Loaders>()
        .map_err(|_| AppError::Internal("the request has no loaders".into()))
}

fn failed(e: Arc<AppError>) -> AppError {
    AppError::Internal(format!("batched lookup failed: {}", e.message()))
}

/// The name of the user `id` (none if there is no such user).
pub async fn user_name(ctx: &Context<'_>, id: Option<Uuid>) -> Result<Option<String>, AppError> {
    match id {
        Some(id) => loaders(ctx)?.user_names.load_one(id).await.map_err(failed),
        None => Ok(None),
    }
}

/// The reference of case `id`.
pub async fn case_reference(
    ctx: &Context<'_>,
    id: Option<Uuid>,
) -> Result<Option<String>, AppError> {
    match id {
        Some(id) => loaders(ctx)?
            .case_references
            .load_one(id)
            .await
            .map_err(failed),
        None => Ok(None),
    }
}
