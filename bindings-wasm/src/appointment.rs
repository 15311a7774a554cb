//! 预约 (the appointment book): `Engine.decideAppointment` and the free function
//! `evolveAppointment`, in the back office's module only (`backoffice`): in the default
//! module they cost 12 kB gzipped (11,969 bytes, session 19), of the 10.3 kB it has left.
//!
//! As everywhere in this crate, the core decides: a request object goes to the core as JSON
//! text (through `JSON.stringify`, see `src/answer.rs`) and is read with the core's bounded
//! parser (at most 4 MiB, `doorstep::appointment::MAX_APPOINTMENT_REQUEST_BYTES`), exactly as
//! the C ABI and the CLI read it; the outcomes come back as JSON shows them ([`crate::to_js`]).
//!
//! A refused command or event is a returned outcome (`{outcome: "refused", error}`), as a
//! case's; only a wrong call throws a `DoorstepError`: `arg.invalid_type` (a request that
//! is not an object), `arg.invalid_date`, `arg.unknown_lang`, `input.malformed`,
//! `input.shape` (a missing or unknown field, an unknown `type`, `status` or special group,
//! a date, time of day or capacity that does not read, a time without its offset, a book
//! that does not hold together: an id out of bounds, a slot that ends before it starts, two
//! slots or two appointments of one id, an appointment in no slot of the book),
//! `input.too_large`, `input.too_deep`.

use doorstep::appointment::{
    AppointmentDecideRequest, AppointmentEvolveRequest, MAX_APPOINTMENT_REQUEST_BYTES,
};
use tsify::Ts;
use wasm_bindgen::prelude::*;

use crate::answer::{lang_of, object_arg};
use crate::engine::JsEngine;
use crate::options::CallOptions;
use crate::to_js;
use crate::types::{JsAppointmentDecision, JsAppointmentEvolution};

#[wasm_bindgen(js_class = Engine)]
impl JsEngine {
    /// Decides an appointment command (预约: `book`, `cancel`, `no_show`, `arrive`) against
    /// `request.book`, the book as the page holds it (its slots and the appointments made),
    /// at `request.at` (RFC 3339 with offset: the host's clock; doorstep never reads one),
    /// with this engine's catalogue (is the matter handled at stations, offered by home
    /// visit?) and calendar (is the slot's day a working day?). `{outcome: "accepted",
    /// event}`, the event to store and apply with `evolveAppointment`, or `{outcome:
    /// "refused", error}` (`appointment.*`), nothing having changed. `options.lang` words a
    /// refusal and a thrown error; `options.at` is checked but not used.
    ///
    /// Throws a `DoorstepError` only for a wrong call: `arg.*`, `input.*` (at most 4 MiB).
    #[wasm_bindgen(js_name = decideAppointment)]
    pub fn decide_appointment(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AppointmentDecideRequest")] request: &JsValue,
        options: Option<Ts<CallOptions>>,
    ) -> Result<JsAppointmentDecision, js_sys::Error> {
        let lang = lang_of(options)?;
        let request: AppointmentDecideRequest =
            object_arg(request, "request", MAX_APPOINTMENT_REQUEST_BYTES, lang)?;
        to_js(&self.engine.decide_appointment(&request, lang)).map(JsCast::unchecked_into)
    }
}

/// Applies `request.event` to `request.book`, the book before it: `{outcome: "applied",
/// book}`, or `{outcome: "refused", error}` when the event cannot follow the book
/// (`appointment.exists`, `appointment.unknown_slot`, `appointment.unknown`,
/// `appointment.wrong_status`, …), the book being unchanged. No engine is needed.
/// `options` as for `Engine.decideAppointment`.
///
/// Throws a `DoorstepError` only for a wrong call: `arg.*`, `input.*` (at most 4 MiB).
#[wasm_bindgen(js_name = evolveAppointment)]
pub fn evolve_appointment(
    #[wasm_bindgen(unchecked_param_type = "AppointmentEvolveRequest")] request: &JsValue,
    options: Option<Ts<CallOptions>>,
) -> Result<JsAppointmentEvolution, js_sys::Error> {
    let lang = lang_of(options)?;
    let request: AppointmentEvolveRequest =
        object_arg(request, "request", MAX_APPOINTMENT_REQUEST_BYTES, lang)?;
    to_js(&request.run(lang)).map(JsCast::unchecked_into)
}
