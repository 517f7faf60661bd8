//! AWS IAM as real tools export it: the JSON `aws iam get-account-authorization-details`
//! prints (roles with inline and attached managed policies and trust policies), and single
//! policy documents. Policy documents may be objects or, as the raw API returns them,
//! URL-encoded strings.

use serde_json::Value;

use super::fields::Fields;
use crate::document::Document;
use crate::error::Result;
use crate::facts::{Facts, IamPolicy, IamRole, IamStatement, Skipped};

/// Whether a document is one of the AWS IAM formats ztguard reads.
pub(crate) fn looks_like(value: &Value) -> bool {
    value.get("RoleDetailList").is_some() || is_policy_document(value)
}

fn is_policy_document(value: &Value) -> bool {
    value.get("Statement").is_some()
        && matches!(
            value.get("Version").and_then(Value::as_str),
            Some("2012-10-17" | "2008-10-17")
        )
}

/// Reads roles (from authorization details) or a standalone policy into `iam`.
///
/// # Errors
///
/// [`crate::Error::Input`] naming the file, line and JSON pointer of what is malformed.
pub(crate) fn read(doc: &Document, facts: &mut Facts) -> Result<()> {
    let iam = &mut facts.iam;
    let fields = Fields { doc };
    if is_policy_document(&doc.value) {
        let name = doc
            .value
            .get("Id")
            .and_then(Value::as_str)
            .map_or_else(|| doc.file.clone(), str::to_owned);
        let statements = statements(fields, "", &doc.value, &name)?;
        iam.policies.push(IamPolicy {
            provider: "aws".to_owned(),
            name,
            statements,
            source: Some(doc.source_of("")),
        });
        return Ok(());
    }

    // Managed policies listed in the same output, by ARN: their default version's document.
    let mut managed: Vec<(String, String, String)> = Vec::new();
    for i in 0..fields.array("/Policies")? {
        let policy = format!("/Policies/{i}");
        let arn = fields
            .str(&format!("{policy}/Arn"))?
            .unwrap_or_default()
            .to_owned();
        let name = fields
            .str(&format!("{policy}/PolicyName"))?
            .unwrap_or_default()
            .to_owned();
        for v in 0..fields.array(&format!("{policy}/PolicyVersionList"))? {
            let version = format!("{policy}/PolicyVersionList/{v}");
            if fields.bool(&format!("{version}/IsDefaultVersion"))? == Some(true) {
                managed.push((arn.clone(), name.clone(), format!("{version}/Document")));
            }
        }
    }

    let mut unread = Vec::new();
    for i in 0..fields.array("/RoleDetailList")? {
        let role = format!("/RoleDetailList/{i}");
        let required = |field: &str| -> Result<String> {
            fields
                .str(&format!("{role}/{field}"))?
                .map(str::to_owned)
                .ok_or_else(|| fields.error(&role, format!("the role has no `{field}`")))
        };
        let name = required("RoleName")?;
        let mut all = Vec::new();
        for p in 0..fields.array(&format!("{role}/RolePolicyList"))? {
            let inline = format!("{role}/RolePolicyList/{p}");
            let policy_name = fields
                .str(&format!("{inline}/PolicyName"))?
                .unwrap_or("inline")
                .to_owned();
            let document = format!("{inline}/PolicyDocument");
            let value = document_value(fields, &document)?;
            all.extend(statements(fields, &document, &value, &policy_name)?);
        }
        let mut attached = Vec::new();
        for p in 0..fields.array(&format!("{role}/AttachedManagedPolicies"))? {
            let entry = format!("{role}/AttachedManagedPolicies/{p}");
            let arn = fields
                .str(&format!("{entry}/PolicyArn"))?
                .unwrap_or_default();
            let policy_name = fields
                .str(&format!("{entry}/PolicyName"))?
                .unwrap_or(arn)
                .to_owned();
            match managed.iter().find(|(a, _, _)| a == arn) {
                Some((_, _, document)) => {
                    let value = document_value(fields, document)?;
                    all.extend(statements(fields, document, &value, &policy_name)?);
                }
                None => unread.push(Skipped {
                    api_version: String::new(),
                    kind: "IAMPolicy".to_owned(),
                    name: Some(policy_name.clone()),
                    reason: format!(
                        "managed policy `{policy_name}` attached to role `{name}` is not in the input, so its statements are not judged"
                    ),
                    source: Some(doc.source_of(&entry)),
                }),
            }
            attached.push(policy_name);
        }
        let trust_pointer = format!("{role}/AssumeRolePolicyDocument");
        let trust = document_value(fields, &trust_pointer)?;
        iam.roles.push(IamRole {
            provider: "aws".to_owned(),
            id: required("Arn")?,
            name,
            attached_policies: attached,
            statements: all,
            trusted_service_accounts: trusted_service_accounts(&trust),
            source: Some(doc.source_of(&role)),
        });
    }
    facts.skipped.extend(unread);
    Ok(())
}

/// A policy document at `pointer`: an object, or a URL-encoded JSON string.
fn document_value(fields: Fields<'_>, pointer: &str) -> Result<Value> {
    match fields.at(pointer) {
        None | Some(Value::Null) => Ok(Value::Null),
        Some(Value::String(text)) => {
            let decoded = percent_decode(text).ok_or_else(|| {
                fields.error(
                    pointer,
                    "the policy document is not URL-encoded JSON".to_owned(),
                )
            })?;
            serde_json::from_str(&decoded)
                .map_err(|e| fields.error(pointer, format!("the policy document is not JSON: {e}")))
        }
        Some(value) => Ok(value.clone()),
    }
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(if b == b'+' { b' ' } else { b });
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A one-or-many field as a list of strings.
fn list(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    }
}

/// Whether a one-or-many field holds anything but strings.
fn malformed_list(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::String(_)) => false,
        Some(Value::Array(items)) => items.iter().any(|v| !v.is_string()),
        Some(_) => true,
    }
}

fn statements(
    fields: Fields<'_>,
    pointer: &str,
    document: &Value,
    policy: &str,
) -> Result<Vec<IamStatement>> {
    let raw = match document.get("Statement") {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Array(items)) => items.clone(),
        Some(single @ Value::Object(_)) => vec![single.clone()],
        Some(other) => {
            return Err(fields.error(
                &format!("{pointer}/Statement"),
                format!("expected statements, found `{other}`"),
            ));
        }
    };
    raw.iter()
        .enumerate()
        .map(|(i, s)| {
            let effect = s.get("Effect").and_then(Value::as_str).unwrap_or_default();
            if effect != "Allow" && effect != "Deny" {
                return Err(fields.error(
                    &format!("{pointer}/Statement/{i}"),
                    format!("the statement's `Effect` is `{effect}`, not `Allow` or `Deny`"),
                ));
            }
            for field in ["Action", "NotAction", "Resource", "NotResource"] {
                if malformed_list(s.get(field)) {
                    return Err(fields.error(
                        &format!("{pointer}/Statement/{i}/{field}"),
                        format!("`{field}` must be a string or a list of strings"),
                    ));
                }
            }
            let mut resources = list(s.get("Resource"));
            if s.get("NotResource").is_some() {
                // Everything but some resources is, for a least-privilege review, everything.
                resources = vec!["*".to_owned()];
            }
            Ok(IamStatement {
                effect: effect.to_owned(),
                actions: list(s.get("Action")),
                not_actions: list(s.get("NotAction")),
                resources,
                conditional: s
                    .get("Condition")
                    .is_some_and(|c| c.as_object().is_some_and(|m| !m.is_empty())),
                policy: policy.to_owned(),
            })
        })
        .collect()
}

/// Service accounts an EKS trust policy admits: `sub` conditions of web-identity statements,
/// `system:serviceaccount:NAMESPACE:NAME`.
fn trusted_service_accounts(trust: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let statements: Vec<&Value> = match trust.get("Statement") {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(single @ Value::Object(_)) => vec![single],
        _ => Vec::new(),
    };
    for s in statements {
        if s.get("Effect").and_then(Value::as_str) != Some("Allow")
            || !list(s.get("Action"))
                .iter()
                .any(|a| a == "sts:AssumeRoleWithWebIdentity")
        {
            continue;
        }
        // Which service accounts may assume the role: `sub` conditions that name them
        // (`StringLike` may use `*`). Without a positive `sub` condition, any may.
        let mut named = false;
        let conditions = s.get("Condition").and_then(Value::as_object);
        for (operator, keys) in conditions.into_iter().flatten() {
            let positive = matches!(
                operator.as_str(),
                "StringEquals"
                    | "StringLike"
                    | "ForAnyValue:StringEquals"
                    | "ForAnyValue:StringLike"
            );
            let Some(keys) = keys.as_object() else {
                continue;
            };
            for (key, values) in keys {
                if !key.ends_with(":sub") || !positive {
                    continue;
                }
                named = true;
                for subject in list(Some(values)) {
                    if let Some(rest) = subject.strip_prefix("system:serviceaccount:") {
                        out.push(rest.replacen(':', "/", 1));
                    }
                }
            }
        }
        if !named {
            out.push("*".to_owned());
        }
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_encoded_documents_decode() {
        assert_eq!(
            percent_decode("%7B%22a%22%3A1%7D").as_deref(),
            Some("{\"a\":1}")
        );
        assert_eq!(percent_decode("%ZZ"), None);
    }

    #[test]
    fn eks_trust_policies_name_service_accounts() {
        let trust = serde_json::json!({"Statement": [{
            "Effect": "Allow",
            "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC"},
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": {"StringEquals": {
                "oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub": "system:serviceaccount:shop:web",
                "oidc.eks.eu-west-1.amazonaws.com/id/ABC:aud": "sts.amazonaws.com"
            }}
        }]});
        assert_eq!(trusted_service_accounts(&trust), ["shop/web"]);
    }

    #[test]
    fn patterns_negations_and_missing_subjects() {
        let trust = |condition: serde_json::Value| {
            trusted_service_accounts(&serde_json::json!({"Statement": {
                "Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", "Condition": condition
            }}))
        };
        let like =
            serde_json::json!({"StringLike": {"oidc/id/X:sub": "system:serviceaccount:shop:*"}});
        assert_eq!(trust(like), ["shop/*"]);
        let not = serde_json::json!({"StringNotEquals": {"oidc/id/X:sub": "system:serviceaccount:shop:web"}});
        assert_eq!(
            trust(not),
            ["*"],
            "a negation admits every other service account"
        );
        assert_eq!(trust(serde_json::json!({})), ["*"]);
    }
}
