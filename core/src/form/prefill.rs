//! Prefill: fields a form fills from shared data (数据共享), so nobody types the same thing
//! twice.

use serde_json::{Map, Value};

use super::{Field, FormSpec};
use crate::calendar::WorkCalendar;

/// `answer` with every empty top-level field that declares `prefill: "source.path"` filled
/// from `shared` (`{"identity": {"residentId": …}, …}`). What the applicant already
/// entered is kept; sources absent from `shared` leave the field empty. Empty is absent,
/// `null`, blank text or nothing chosen (`[]`). A field the filled answer hides
/// (`visibleIf`) is not filled: validation would drop the value, and the applicant never
/// sees it; its `visibleIf` counts working days on `calendar`.
///
/// ```
/// use doorstep::calendar::WorkCalendar;
/// use doorstep::form::{FormSpec, prefill};
/// use serde_json::json;
///
/// let form: FormSpec = serde_json::from_value(json!({
///     "fields": [{"key": "name", "label": "姓名", "type": "text", "prefill": "identity.name"}],
///     "example": {"name": "林小红"}
/// })).unwrap();
/// let shared = json!({"identity": {"name": "林小红"}});
/// let calendar = WorkCalendar::shipped();
/// assert_eq!(prefill(&form, &shared, &json!({}), calendar), json!({"name": "林小红"}));
/// assert_eq!(
///     prefill(&form, &shared, &json!({"name": "王五"}), calendar),
///     json!({"name": "王五"})
/// );
/// ```
pub fn prefill(form: &FormSpec, shared: &Value, answer: &Value, calendar: &WorkCalendar) -> Value {
    let given: Map<String, Value> = answer.as_object().cloned().unwrap_or_default();
    let mut fills = Vec::new();
    for field in &form.fields {
        let Some(source) = &field.prefill else {
            continue;
        };
        let empty = match given.get(&field.key) {
            None | Some(Value::Null) => true,
            Some(Value::String(s)) => super::leaf::trim(s).is_empty(),
            Some(Value::Array(items)) => items.is_empty(),
            Some(_) => false,
        };
        let found = source.split('.').try_fold(shared, |v, key| v.get(key));
        if let (true, Some(value)) = (empty, found.filter(|v| !v.is_null())) {
            fills.push((field, value));
        }
    }
    let mut all = given.clone();
    for &(field, value) in &fills {
        all.insert(field.key.clone(), value.clone());
    }
    let all = Value::Object(all);
    // Visibility is read from the answer as filled (a filled value may show a field); a
    // rule that cannot be evaluated shows the field, as validation reports it there.
    let hides = |field: &Field| {
        let visible = field
            .visible_if
            .as_ref()
            .map(|rule| rule.truthy_on(&all, calendar));
        matches!(visible, Some(Ok(false)))
    };
    if !fills.iter().any(|&(field, _)| hides(field)) {
        return all;
    }
    let mut shown = given;
    for (field, value) in fills {
        if !hides(field) {
            shown.insert(field.key.clone(), value.clone());
        }
    }
    Value::Object(shown)
}
