//! Enums stored as their snake_case names.

/// Declares a string-backed enum whose stored form is its snake_case name.
macro_rules! stored_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident => $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vm])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $s),+ }
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::error::AppError;
            fn from_str(s: &str) -> Result<Self, $crate::error::AppError> {
                match s {
                    $($s => Ok($name::$variant),)+
                    other => Err($crate::error::AppError::internal(format!(
                        concat!("unknown ", stringify!($name), " '{}' in the database"), other
                    ))),
                }
            }
        }
    };
}
pub(crate) use stored_enum;
