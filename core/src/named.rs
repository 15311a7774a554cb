//! Deserializing unit-only enums (`"front_desk"`) by name, through one visitor shared by all
//! of them.
//!
//! serde's derived `Deserialize` for a unit-only enum brings, per enum and per input type, a
//! `deserialize`, two `visit_enum` and a name match: about 1.5 kB of the raw `.wasm` each, for
//! 20 such enums in the npm package's default module, whose gzipped size budget had 44 bytes
//! left. Here the enum's variants and wire names are listed once, by [`named_enum!`], and read
//! by one visitor that yields the variant's position; only a small function per enum is left.
//!
//! The JSON format and the errors are serde's: the enum keeps `#[derive(Serialize)]` with its
//! `#[serde(rename_all = ...)]`; a test checks that every variant serializes as the name
//! listed and reads back; an unknown name is "unknown variant `x`, expected one of `a`, `b`"
//! and a value of the wrong type "invalid type: …, expected enum Role", as serde words them.
//!
//! # Use
//!
//! Wrap the enum in [`named_enum!`] and leave `Deserialize` out of its derives; write each
//! variant's wire name after it:
//!
//! ```text
//! crate::named::named_enum! {
//!     /// Who a person is when acting on a case.
//!     #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
//!     #[serde(rename_all = "snake_case")]
//!     pub enum Role {
//!         /// 申请人.
//!         Applicant => "applicant",
//!         /// 前台.
//!         FrontDesk => "front_desk",
//!     }
//! }
//! ```

use std::fmt;

use serde::de::{self, DeserializeSeed, EnumAccess, Unexpected, VariantAccess, Visitor};

/// A unit-only enum read by name: its variants and their wire names, in the same order.
pub(crate) trait Named: Copy + 'static {
    /// The enum's name, for "expected enum …".
    const NAME: &'static str;
    /// The wire names of the variants.
    const VARIANTS: &'static [&'static str];
    /// The variants.
    const ALL: &'static [Self];
    /// The variant's position in [`ALL`](Self::ALL).
    fn index(self) -> usize;
}

/// Reads a `T` from its wire name.
pub(crate) fn deserialize<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: de::Deserializer<'de>,
    T: Named,
{
    let visitor = ByName {
        name: T::NAME,
        variants: T::VARIANTS,
    };
    let index = deserializer.deserialize_enum(T::NAME, T::VARIANTS, visitor)?;
    // The visitor yields positions of `VARIANTS`, which lists `ALL`'s names.
    T::ALL
        .get(index)
        .copied()
        .ok_or_else(|| de::Error::custom("variant out of range"))
}

/// The wire name of `value`, a variant of a unit-only enum whose discriminants count from 0
/// in the order [`Named::VARIANTS`] lists their names (as [`named_enum!`] declares them).
pub(crate) fn name<T: Named>(value: T) -> &'static str {
    T::VARIANTS.get(value.index()).copied().unwrap_or_default()
}

/// The enum visitor: the position of the variant named.
struct ByName {
    name: &'static str,
    variants: &'static [&'static str],
}

impl<'de> Visitor<'de> for ByName {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "enum {}", self.name)
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<usize, A::Error> {
        let (index, variant) = data.variant_seed(Identifier(self.variants))?;
        variant.unit_variant()?;
        Ok(index)
    }
}

/// The variant identifier: a name of `0`, or a position (as serde's derive takes it).
struct Identifier(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for Identifier {
    type Value = usize;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for Identifier {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("variant identifier")
    }

    fn visit_u64<E: de::Error>(self, index: u64) -> Result<usize, E> {
        match usize::try_from(index) {
            Ok(i) if i < self.0.len() => Ok(i),
            _ => Err(E::invalid_value(
                Unexpected::Unsigned(index),
                &format!("variant index 0 <= i < {}", self.0.len()).as_str(),
            )),
        }
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<usize, E> {
        self.0
            .iter()
            .position(|v| *v == name)
            .ok_or_else(|| E::unknown_variant(name, self.0))
    }
}

/// Defines a unit-only enum whose `Deserialize` reads it by name ([`deserialize`]); each
/// variant is written `Variant => "wire_name"` (see the module's documentation).
macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $wire:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $crate::named::Named for $name {
            const NAME: &'static str = stringify!($name);
            const VARIANTS: &'static [&'static str] = &[$($wire),+];
            const ALL: &'static [Self] = &[$(Self::$variant),+];
            fn index(self) -> usize {
                self as usize
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::named::deserialize(deserializer)
            }
        }
    };
}

pub(crate) use named_enum;

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use serde::Serialize;
    use serde::de::DeserializeOwned;

    use super::Named;

    /// Every variant serializes (serde's derive, with the enum's `rename_all`) as the name
    /// listed for it, reads back as itself, and is listed once.
    fn round_trips<T: Named + Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>() {
        assert_eq!(T::ALL.len(), T::VARIANTS.len(), "{}", T::NAME);
        for (variant, name) in T::ALL.iter().zip(T::VARIANTS) {
            assert_eq!(serde_json::to_value(variant).unwrap(), *name, "{}", T::NAME);
            let text = format!("\"{name}\"");
            assert_eq!(serde_json::from_str::<T>(&text).unwrap(), *variant);
            let value = serde_json::Value::String((*name).to_owned());
            assert_eq!(
                serde_json::from_value::<T>(value.clone()).unwrap(),
                *variant
            );
            assert_eq!(T::deserialize(&value).unwrap(), *variant);
            assert_eq!(T::VARIANTS.iter().filter(|n| *n == name).count(), 1);
        }
    }

    #[test]
    fn every_named_enum_reads_what_it_writes() {
        use crate::authority::{GrantMode, Role, SealKind, SealStatus, StampAct, Step};
        use crate::case::{Action, Outcome, SpecialGroup, Status};
        use crate::catalog::{AuthoritySource, Channel, MaterialForm, MatterType, OrgLevel};
        use crate::form::FieldType;
        use crate::policy::Subject;
        use crate::review::{AppealGround, EvaluationChannel, Rating, ReviewAction, ReviewStatus};
        round_trips::<GrantMode>();
        round_trips::<Role>();
        round_trips::<SealKind>();
        round_trips::<SealStatus>();
        round_trips::<StampAct>();
        round_trips::<Step>();
        round_trips::<Action>();
        round_trips::<ReviewAction>();
        round_trips::<Outcome>();
        round_trips::<SpecialGroup>();
        round_trips::<Status>();
        round_trips::<AuthoritySource>();
        round_trips::<Channel>();
        round_trips::<MaterialForm>();
        round_trips::<MatterType>();
        round_trips::<OrgLevel>();
        round_trips::<FieldType>();
        round_trips::<Subject>();
        round_trips::<AppealGround>();
        round_trips::<EvaluationChannel>();
        round_trips::<Rating>();
        round_trips::<ReviewStatus>();
    }

    /// The errors are worded as serde's derive words them (checked against the derive on
    /// these and other inputs when this module replaced it).
    #[test]
    fn errors_read_as_serde_writes_them() {
        use crate::authority::Step;
        let text = |text: &str| serde_json::from_str::<Step>(text).unwrap_err().to_string();
        let value = |text: &str| {
            let value: serde_json::Value = serde_json::from_str(text).unwrap();
            serde_json::from_value::<Step>(value)
                .unwrap_err()
                .to_string()
        };
        let one_of = "expected one of `receive`, `accept`, `review`, `decide`, `deliver`";
        assert_eq!(
            text("\"sign\""),
            format!("unknown variant `sign`, {one_of} at line 1 column 6")
        );
        assert_eq!(
            text("{\"nope\": null}"),
            format!("unknown variant `nope`, {one_of} at line 1 column 7")
        );
        assert_eq!(
            value("\"sign\""),
            format!("unknown variant `sign`, {one_of}")
        );
        assert_eq!(text("1"), "expected value at line 1 column 1");
        assert_eq!(
            value("1"),
            "invalid type: integer `1`, expected string or map"
        );
        assert_eq!(
            text("{\"receive\": 1}"),
            "invalid type: integer `1`, expected unit at line 1 column 13"
        );
        // serde's externally tagged form of a unit variant, as the derive reads it.
        assert_eq!(
            serde_json::from_str::<Step>("{\"review\": null}").unwrap(),
            Step::Review
        );
    }
}
