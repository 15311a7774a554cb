//! User-facing language: messages are zh-CN first, en second.

use serde::{Deserialize, Serialize};

/// The language of a user-facing message. Simplified Chinese is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    /// Simplified Chinese (`zh-CN`), the default.
    #[default]
    #[serde(rename = "zh-CN", alias = "zh")]
    ZhCn,
    /// English (`en`).
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// Parses `zh`, `zh-CN`, `zh_CN`, `zh-Hans`, `en`, `en-US` or `en-GB` (case-insensitive);
    /// `None` for anything else.
    ///
    /// ```
    /// use doorstep::Lang;
    /// assert_eq!(Lang::parse("zh"), Some(Lang::ZhCn));
    /// assert_eq!(Lang::parse("EN"), Some(Lang::En));
    /// assert_eq!(Lang::parse("fr"), None);
    /// ```
    pub fn parse(tag: &str) -> Option<Self> {
        match tag.to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "zh_cn" | "zh-hans" => Some(Self::ZhCn),
            "en" | "en-us" | "en-gb" => Some(Self::En),
            _ => None,
        }
    }

    /// The BCP 47 tag of this language.
    pub fn tag(self) -> &'static str {
        match self {
            Self::ZhCn => "zh-CN",
            Self::En => "en",
        }
    }

    /// Picks the text for this language from a zh-CN / en pair.
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Self::ZhCn => zh,
            Self::En => en,
        }
    }
}
