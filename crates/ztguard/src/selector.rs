//! Kubernetes label selectors: `matchLabels` and `matchExpressions` (`In`, `NotIn`, `Exists`,
//! `DoesNotExist`), all of which must hold. An empty selector matches everything.

use std::collections::BTreeMap;

use serde_json::Value;

/// Whether `selector` selects an object with `labels`. A selector that is not an object, or
/// holds an unknown operator, selects nothing.
pub fn matches(selector: &Value, labels: &BTreeMap<String, String>) -> bool {
    let Some(selector) = selector.as_object() else {
        return false;
    };
    let labels_ok = match selector.get("matchLabels") {
        None | Some(Value::Null) => true,
        Some(Value::Object(wanted)) => wanted.iter().all(|(k, v)| {
            v.as_str()
                .is_some_and(|v| labels.get(k).map(String::as_str) == Some(v))
        }),
        Some(_) => false,
    };
    let expressions_ok = match selector.get("matchExpressions") {
        None | Some(Value::Null) => true,
        Some(Value::Array(expressions)) => expressions.iter().all(|e| expression(e, labels)),
        Some(_) => false,
    };
    labels_ok && expressions_ok
}

fn expression(e: &Value, labels: &BTreeMap<String, String>) -> bool {
    let Some(key) = e.get("key").and_then(Value::as_str) else {
        return false;
    };
    let values: Vec<&str> = e
        .get("values")
        .and_then(Value::as_array)
        .map(|v| v.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let value = labels.get(key).map(String::as_str);
    match e.get("operator").and_then(Value::as_str) {
        Some("In") => value.is_some_and(|v| values.contains(&v)),
        Some("NotIn") => value.is_none_or(|v| !values.contains(&v)),
        Some("Exists") => value.is_some(),
        Some("DoesNotExist") => value.is_none(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn empty_selector_matches_everything() {
        assert!(matches(&json!({}), &labels(&[])));
    }

    #[test]
    fn labels_and_expressions_must_all_hold() {
        let selector = json!({
            "matchLabels": {"app": "web"},
            "matchExpressions": [
                {"key": "tier", "operator": "In", "values": ["front", "edge"]},
                {"key": "legacy", "operator": "DoesNotExist"},
                {"key": "env", "operator": "NotIn", "values": ["dev"]}
            ]
        });
        assert!(matches(
            &selector,
            &labels(&[("app", "web"), ("tier", "edge")])
        ));
        assert!(!matches(
            &selector,
            &labels(&[("app", "web"), ("tier", "back")])
        ));
        assert!(!matches(
            &selector,
            &labels(&[("app", "web"), ("tier", "edge"), ("legacy", "1")])
        ));
        assert!(!matches(
            &selector,
            &labels(&[("app", "web"), ("tier", "edge"), ("env", "dev")])
        ));
    }

    #[test]
    fn unknown_operators_select_nothing() {
        let selector =
            json!({"matchExpressions": [{"key": "a", "operator": "Gt", "values": ["1"]}]});
        assert!(!matches(&selector, &labels(&[("a", "2")])));
    }
}
