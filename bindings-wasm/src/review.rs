//! 好差评 and 办不成事 (issue 7): `Engine.reviewInvitation`, `Engine.decideReview`, the free
//! function `evolveReview`, `Engine.decideComplaint` and the free function `evolveComplaint`.
//!
//! As everywhere in this crate, the core decides: a request object goes to the core as JSON
//! text (through `JSON.stringify`, see `src/answer.rs`) and is read with the core's bounded
//! parser (at most 256 KiB, `doorstep::review::MAX_REVIEW_REQUEST_BYTES`), exactly as the
//! C ABI and the CLI read it; the outcomes come back as JSON shows them ([`crate::to_js`]).
//!
//! A refused command or event is a returned outcome (`{outcome: "refused", error}`), as a
//! case's; only a wrong call throws a `DoorstepError`: `arg.invalid_type` (a request that
//! is not an object), `arg.invalid_date`, `arg.unknown_lang`, `input.malformed`,
//! `input.shape` (a missing or unknown field, an unknown `type`, `rating`, `role` or
//! `channel`, a time without its offset), `input.too_large`, `input.too_deep`.

use doorstep::review::{
    CaseFacts, MAX_REVIEW_REQUEST_BYTES, ReviewDecideRequest, ReviewEvolveRequest,
};
use tsify::Ts;
use wasm_bindgen::prelude::*;

use crate::answer::{lang_of, object_arg};
use crate::engine::JsEngine;
use crate::options::CallOptions;
use crate::to_js;
use crate::types::{JsInvitationOutcome, JsReviewDecision, JsReviewEvolution};

#[wasm_bindgen(js_class = Engine)]
impl JsEngine {
    /// The invitation to rate a concluded case (评价邀请), with the catalogue's 好差评
    /// settings: who is invited, where they may rate (on site where the case was handled
    /// in person, online always), the last day (当日件、当日评: the day of conclusion, plus
    /// the district's window) and the rating recorded after it. `facts` is the case rated
    /// (`CaseFacts`, with `concludedAt`). `{outcome: "invited", invitation}`, or
    /// `{outcome: "refused", error}` (`review.not_concluded`). `options.lang` words a
    /// refusal and a thrown error; `options.at` is checked but not used.
    ///
    /// Throws a `DoorstepError` only for a wrong call: `arg.*`, `input.*`.
    #[wasm_bindgen(js_name = reviewInvitation)]
    pub fn review_invitation(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CaseFacts")] facts: &JsValue,
        options: Option<Ts<CallOptions>>,
    ) -> Result<JsInvitationOutcome, js_sys::Error> {
        let lang = lang_of(options)?;
        let facts: CaseFacts = object_arg(facts, "facts", MAX_REVIEW_REQUEST_BYTES, lang)?;
        to_js(&self.engine.review_invitation(&facts, lang)).map(JsCast::unchecked_into)
    }

    /// Decides a review command (好差评: `rate`, `apply_default`, `verify`, `appeal`,
    /// `decide_appeal`, `rectify`, `revisit`) against `request.review`, the review as the
    /// page holds it (`null` before the rating), with `request.facts`, the case rated (needed
    /// by `rate` and `apply_default`), for who acts and when (`request.context`).
    /// `{outcome: "accepted", events}`, the events to store and apply with `evolveReview`
    /// (none for a retried `clientId`; another command under it is
    /// `review.client_id_reused`), or `{outcome: "refused", error}` (`review.*`), nothing
    /// having changed. `options.lang` words a refusal and a thrown error;
    /// `options.at` is checked but not used.
    ///
    /// Throws a `DoorstepError` only for a wrong call: `arg.*`, `input.*` (at most 256 KiB).
    #[wasm_bindgen(js_name = decideReview)]
    pub fn decide_review(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ReviewDecideRequest")] request: &JsValue,
        options: Option<Ts<CallOptions>>,
    ) -> Result<JsReviewDecision, js_sys::Error> {
        let lang = lang_of(options)?;
        let request: ReviewDecideRequest =
            object_arg(request, "request", MAX_REVIEW_REQUEST_BYTES, lang)?;
        to_js(&self.engine.decide_review(&request, lang)).map(JsCast::unchecked_into)
    }
}

/// Applies `request.event` to `request.review`, the review so far (`null` before its first
/// event): `{outcome: "applied", review}`, or `{outcome: "refused", error}` when the event
/// cannot follow (`review.event_version`, `review.duplicate_event`, `review.wrong_status`,
/// …), the review being unchanged. No engine is needed. `options` as for
/// `Engine.decideReview`.
///
/// Throws a `DoorstepError` only for a wrong call: `arg.*`, `input.*` (at most 256 KiB).
#[wasm_bindgen(js_name = evolveReview)]
pub fn evolve_review(
    #[wasm_bindgen(unchecked_param_type = "ReviewEvolveRequest")] request: &JsValue,
    options: Option<Ts<CallOptions>>,
) -> Result<JsReviewEvolution, js_sys::Error> {
    let lang = lang_of(options)?;
    let request: ReviewEvolveRequest =
        object_arg(request, "request", MAX_REVIEW_REQUEST_BYTES, lang)?;
    to_js(&request.run(lang)).map(JsCast::unchecked_into)
}
