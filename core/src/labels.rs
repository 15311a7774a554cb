//! The words people read for the engine's codes: a case's status (办件状态), the actions on it,
//! roles, channels (办理渠道), matter types, where authority comes from (权力来源), forms of
//! a material, a bundle's state, the deadline light, 好差评 ratings, a bad review's and a
//! 办不成事 complaint's status, an appointment's status, organisation levels — in zh-CN or
//! English.
//!
//! The engine returns codes (`accepted`, `front_desk`, `partner_point`); every page, kiosk
//! and window program shows them with these words, so a status reads the same on 闽政通, at
//! the kiosk and at the counter. Each table lists every variant of its type: the `names!`
//! macro also writes an exhaustive `match`, so a variant added without its words does not
//! compile.

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::Lang;
use crate::appointment::AppointmentStatus;
use crate::authority::Role;
use crate::calendar::Light;
use crate::case::{Action, BundleState, Status};
use crate::catalog::{AuthoritySource, Channel, MaterialForm, MatterType, OrgLevel};
use crate::complaint::ComplaintStatus;
use crate::review::{Rating, ReviewStatus};

/// One table: every variant of `T` with its zh-CN and English words, in the type's order.
type Table<T> = &'static [(T, &'static str, &'static str)];

/// `names!(TABLE: Type { Variant => "中文", "English"; … })`: the table, and a `match` over
/// the type without a wildcard (a compile error when a variant is missing).
macro_rules! names {
    ($table:ident: $ty:ident { $($variant:ident => $zh:literal, $en:literal;)* }) => {
        const $table: Table<$ty> = &[$(($ty::$variant, $zh, $en)),*];
        const _: fn($ty) = |value| match value {
            $($ty::$variant => {})*
        };
    };
}

names!(STATUS: Status {
    Submitted => "已收件", "Received";
    Accepted => "已受理", "Accepted";
    NotAccepted => "不予受理", "Not accepted";
    UnderReview => "审查中", "Under review";
    Supplementing => "待补齐补正", "Awaiting documents";
    Suspended => "已挂起", "Suspended";
    Approved => "已准予", "Approved";
    Rejected => "不予许可", "Rejected";
    Concluded => "已办结", "Concluded";
    Delivered => "已送达", "Delivered";
    Withdrawn => "已撤回", "Withdrawn";
});

names!(ACTION: Action {
    Submit => "提交申请", "Submit";
    Confirm => "确认办理", "Confirm";
    Accept => "受理", "Accept";
    NotAccept => "不予受理", "Refuse to accept";
    Claim => "认领", "Claim";
    Release => "退回待认领", "Release";
    StartReview => "开始审查", "Start review";
    RequestSupplement => "要求补齐补正", "Ask for documents";
    Supplement => "补齐补正", "Supply documents";
    Suspend => "挂起", "Suspend";
    Resume => "恢复办理", "Resume";
    Transfer => "移交主管部门", "Transfer to the department";
    Extend => "延期", "Extend";
    Approve => "准予", "Approve";
    Reject => "不予许可", "Reject";
    Conclude => "办结", "Conclude";
    Deliver => "送达", "Deliver";
    Withdraw => "撤回", "Withdraw";
});

names!(ROLE: Role {
    Applicant => "申请人", "Applicant";
    Proxy => "帮办代办员", "Proxy";
    FrontDesk => "前台综合受理", "Front desk";
    BackOffice => "后台审批", "Back office";
    StationChief => "站长", "Station chief";
    Supervisor => "督查", "Supervisor";
    System => "系统", "System";
});

names!(CHANNEL: Channel {
    Window => "窗口", "Window";
    Kiosk => "24小时自助终端", "Self-service kiosk";
    Online => "网上办理", "Online";
    HomeVisit => "上门服务", "Home visit";
    PartnerPoint => "政企合作网点", "Partner point";
});

names!(MATTER_TYPE: MatterType {
    AdministrativePermit => "行政许可", "Administrative permit";
    AdministrativeBenefit => "行政给付", "Administrative benefit";
    AdministrativeConfirmation => "行政确认", "Administrative confirmation";
    AdministrativeRuling => "行政裁决", "Administrative ruling";
    AdministrativeReward => "行政奖励", "Administrative reward";
    OtherPower => "其他行政权力", "Other administrative power";
    PublicService => "公共服务", "Public service";
});

names!(AUTHORITY_SOURCE: AuthoritySource {
    Statutory => "法定本级行使", "Statutory, exercised at this level";
    DevolvedFromAbove => "上级下放", "Devolved from above";
    AuthorizedByAbove => "上级授权", "Authorised from above";
    AuthorizedByPeer => "同级授权", "Authorised by a peer";
    EntrustedByAbove => "上级委托", "Entrusted from above";
    EntrustedByPeer => "同级委托", "Entrusted by a peer";
});

names!(MATERIAL_FORM: MaterialForm {
    Original => "原件", "Original";
    Copy => "复印件", "Copy";
    OriginalAndCopy => "原件及复印件", "Original and copy";
    Electronic => "电子材料", "Electronic";
});

names!(BUNDLE_STATE: BundleState {
    Open => "办理中", "In progress";
    Concluded => "已办结", "Concluded";
    PartlyRejected => "部分未获准予", "Partly rejected";
    Rejected => "未获准予", "Rejected";
    Withdrawn => "已撤回", "Withdrawn";
});

names!(LIGHT: Light {
    Green => "正常", "On time";
    Yellow => "临近时限", "Due soon";
    Red => "已超期", "Overdue";
});

names!(RATING: Rating {
    VerySatisfied => "非常满意", "Very satisfied";
    Satisfied => "满意", "Satisfied";
    BasicallySatisfied => "基本满意", "Fairly satisfied";
    Dissatisfied => "不满意", "Dissatisfied";
    VeryDissatisfied => "非常不满意", "Very dissatisfied";
});

names!(REVIEW_STATUS: ReviewStatus {
    Rated => "已评价", "Rated";
    Verifying => "待核实", "To be verified";
    Appealed => "申诉中", "Appealed";
    Rectifying => "整改中", "Being rectified";
    Revisiting => "待回访", "To be called back";
    Closed => "已办结", "Closed";
    Void => "申诉成立", "Appeal upheld";
});

names!(COMPLAINT_STATUS: ComplaintStatus {
    Received => "已接收", "Received";
    Triaged => "已分办", "Triaged";
    Answered => "已答复", "Answered";
});

names!(APPOINTMENT_STATUS: AppointmentStatus {
    Booked => "已预约", "Booked";
    Cancelled => "已取消", "Cancelled";
    NoShow => "未到场", "No-show";
    Arrived => "已到场", "Arrived";
});

names!(ORG_LEVEL: OrgLevel {
    District => "区", "District";
    Department => "区直部门", "District department";
    Street => "街道便民服务中心", "Street service centre";
    Community => "社区便民服务站", "Community service station";
});

/// Every table in one language: each a JSON object from code to words, in the type's order.
#[derive(Debug, Clone, Copy, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Labels {
    /// 办件状态 (`Status`).
    pub status: Names<Status>,
    /// Actions on a case (`Action`).
    pub action: Names<Action>,
    /// Roles (`Role`).
    pub role: Names<Role>,
    /// 办理渠道 (`Channel`).
    pub channel: Names<Channel>,
    /// 事项类型 (`MatterType`).
    pub matter_type: Names<MatterType>,
    /// 权力来源 (`AuthoritySource`).
    pub authority_source: Names<AuthoritySource>,
    /// Forms of a material (`MaterialForm`).
    pub material_form: Names<MaterialForm>,
    /// 一件事 states (`BundleState`).
    pub bundle_state: Names<BundleState>,
    /// The deadline light (`Light`).
    pub light: Names<Light>,
    /// 好差评 ratings (`Rating`).
    pub rating: Names<Rating>,
    /// A review's status (`ReviewStatus`).
    pub review_status: Names<ReviewStatus>,
    /// A 办不成事 complaint's status (`ComplaintStatus`).
    pub complaint_status: Names<ComplaintStatus>,
    /// 预约: an appointment's status (`AppointmentStatus`).
    pub appointment_status: Names<AppointmentStatus>,
    /// Organisation levels (`OrgLevel`).
    pub org_level: Names<OrgLevel>,
}

/// One table in one language; serialises as `{code: words, …}`.
#[derive(Debug, Clone, Copy)]
pub struct Names<T: 'static> {
    table: Table<T>,
    lang: Lang,
}

impl<T> Names<T> {
    const fn new(table: Table<T>, lang: Lang) -> Self {
        Self { table, lang }
    }
}

impl<T: Copy + PartialEq> Names<T> {
    /// The words for `value` (every variant has some).
    pub fn of(&self, value: T) -> &'static str {
        self.table
            .iter()
            .find(|(v, ..)| *v == value)
            .map_or("", |&(_, zh, en)| self.lang.pick(zh, en))
    }
}

impl<T: Serialize> Serialize for Names<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.table.len()))?;
        for (value, zh, en) in self.table {
            // A unit variant as a map key is its code.
            map.serialize_entry(value, self.lang.pick(zh, en))?;
        }
        map.end()
    }
}

/// Every table in `lang`.
pub fn labels(lang: Lang) -> Labels {
    Labels {
        status: Names::new(STATUS, lang),
        action: Names::new(ACTION, lang),
        role: Names::new(ROLE, lang),
        channel: Names::new(CHANNEL, lang),
        matter_type: Names::new(MATTER_TYPE, lang),
        authority_source: Names::new(AUTHORITY_SOURCE, lang),
        material_form: Names::new(MATERIAL_FORM, lang),
        bundle_state: Names::new(BUNDLE_STATE, lang),
        light: Names::new(LIGHT, lang),
        rating: Names::new(RATING, lang),
        review_status: Names::new(REVIEW_STATUS, lang),
        complaint_status: Names::new(COMPLAINT_STATUS, lang),
        appointment_status: Names::new(APPOINTMENT_STATUS, lang),
        org_level: Names::new(ORG_LEVEL, lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_is_an_object_of_codes_in_both_languages() {
        let zh = serde_json::to_value(labels(Lang::ZhCn)).unwrap_or_default();
        let en = serde_json::to_value(labels(Lang::En)).unwrap_or_default();
        assert_eq!(zh["status"]["accepted"], "已受理");
        assert_eq!(en["channel"]["partner_point"], "Partner point");
        assert_eq!(zh["authoritySource"]["entrusted_by_above"], "上级委托");
        let (Some(zh), Some(en)) = (zh.as_object(), en.as_object()) else {
            panic!("labels are objects");
        };
        assert_eq!(zh.len(), 14);
        for (table, words) in zh {
            let codes: Vec<_> = words
                .as_object()
                .map(|m| m.keys().collect())
                .unwrap_or_default();
            let en_codes: Vec<_> = en[table]
                .as_object()
                .map(|m| m.keys().collect())
                .unwrap_or_default();
            assert!(!codes.is_empty(), "{table}");
            assert_eq!(codes, en_codes, "{table}");
            assert!(
                words
                    .as_object()
                    .into_iter()
                    .flatten()
                    .all(|(_, w)| w.as_str().is_some_and(|w| !w.is_empty()))
            );
        }
    }

    #[test]
    fn the_words_of_one_value() {
        assert_eq!(labels(Lang::ZhCn).status.of(Status::UnderReview), "审查中");
        assert_eq!(labels(Lang::En).light.of(Light::Red), "Overdue");
    }
}
