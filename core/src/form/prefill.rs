//! Prefill: fields a form fills from shared data (数据共享), so nobody types the same thing
//! twice.

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::{Field, FormSpec};
use crate::Lang;
use crate::calendar::WorkCalendar;

/// `answer` with every empty top-level field that declares `prefill: "source.path"` filled
/// from `shared` (`{"identity": {"residentId": …}, …}`). What the applicant already
/// entered is kept; sources absent from `shared` leave the field empty. Empty is absent,
/// `null`, blank text or nothing chosen (`[]`). A field the filled answer hides
/// (`visibleIf`) is not filled: validation would drop the value, and the applicant never
/// sees it. Its `visibleIf` reads the filled answer as validation as of `at` keeps it (text
/// trimmed, identifiers in their usual form; hidden values and values with a problem
/// absent), as validation decides it, and counts working days on `calendar`.
///
/// ```
/// use chrono::NaiveDate;
/// use doorstep::calendar::WorkCalendar;
/// use doorstep::form::{FormSpec, prefill};
/// use serde_json::json;
///
/// let form: FormSpec = serde_json::from_value(json!({
///     "fields": [{"key": "name", "label": "姓名", "type": "text", "prefill": "identity.name"}],
///     "example": {"name": "林小红"}
/// })).unwrap();
/// let shared = json!({"identity": {"name": "林小红"}});
/// let when = (NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(), WorkCalendar::shipped());
/// assert_eq!(prefill(&form, &shared, &json!({}), when), json!({"name": "林小红"}));
/// assert_eq!(
///     prefill(&form, &shared, &json!({"name": "王五"}), when),
///     json!({"name": "王五"})
/// );
/// ```
pub fn prefill(
    form: &FormSpec,
    shared: &Value,
    answer: &Value,
    (at, calendar): (NaiveDate, &WorkCalendar),
) -> Value {
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
    // Visibility is read from the answer as filled (a filled value may show a field) and
    // kept; a rule that cannot be evaluated shows the field, as validation reports it there.
    let kept = super::validate::validate_on(form, &all, (at, calendar), Lang::En, &|_| true);
    let hides = |field: &Field| {
        let visible = field
            .visible_if
            .as_ref()
            .map(|rule| rule.truthy_on(&kept.normalized, calendar));
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use chrono::NaiveDate;
    use serde_json::{Value, json};

    use super::prefill;
    use crate::calendar::WorkCalendar;

    /// A field shown when `kind` is `x`, filled from shared data: validation reads `kind`
    /// trimmed, so prefill does; and a `kind` hidden itself reads as absent.
    #[test]
    fn visibility_is_read_from_the_answer_as_validation_keeps_it() {
        let form = serde_json::from_value(json!({
            "fields": [
                {"key": "known", "label": "已知", "type": "boolean"},
                {"key": "kind", "label": "类别", "type": "text",
                 "visibleIf": {"==": [{"var": "known"}, true]}},
                {"key": "pid", "label": "身份证号码", "type": "resident_id",
                 "prefill": "identity.residentId",
                 "visibleIf": {"==": [{"var": "kind"}, "x"]}}],
            "example": {}
        }))
        .unwrap();
        let shared = json!({"identity": {"residentId": "11010519491231002X"}});
        let at = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let filled =
            |answer: Value| prefill(&form, &shared, &answer, (at, WorkCalendar::shipped()));
        assert_eq!(
            filled(json!({"known": true, "kind": " x "}))["pid"],
            json!("11010519491231002X")
        );
        // `kind` is hidden, so validation drops it, and `pid` with it.
        assert_eq!(
            filled(json!({"known": false, "kind": "x"}))["pid"],
            Value::Null
        );
    }
}
